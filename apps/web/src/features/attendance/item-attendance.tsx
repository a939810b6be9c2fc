import type { Item } from '@kalendaryo/contract';
import { isApproverRole, OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { AreaTabs } from '../../app/ui/area-tabs';
import { useSession } from '../auth/session';
import { itemQuery } from '../calendar/calendar-api';

/** Which item and which occurrence (`?occurrence=<recurrence id>`, absent for single items) a page is about. */
export function useItemTarget() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const occurrence = search.get('occurrence') || null;
  const item = useQuery(itemQuery(id));
  const { user } = useSession();
  const canManage = isApproverRole(user.role) || (!!item.data && item.data.organizerId === user.id);
  const suffix = occurrence ? `?${new URLSearchParams({ occurrence })}` : '';
  return { id, occurrence, item, canManage, suffix, user };
}

export const isSeries = (item: Item | undefined) => !!item?.rrule;

/** The title, occurrence and view links every attendance page of an item shares. */
export function ItemAttendanceHeader({ title }: { title: string }) {
  const { id, occurrence, item, canManage, suffix } = useItemTarget();
  const base = `/calendar/items/${id}`;
  const tabs = [
    { to: `${base}/participants${suffix}`, label: 'Participants' },
    ...(canManage
      ? [
          { to: `${base}/check-in${suffix}`, label: 'Check-in' },
          { to: `${base}/report${suffix}`, label: 'Report' },
        ]
      : []),
  ];
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/calendar${item.data ? `?date=${item.data.start.slice(0, 10)}` : ''}`}>Calendar</Link>
      </p>
      <div className="page-header">
        <h1>
          {title}
          {item.data ? <span className="page-subtitle"> · {item.data.title}</span> : null}
        </h1>
      </div>
      {item.data ? (
        <p className="cell-note">
          {formatDateTime(item.data.start, item.data.timeZone ?? OFFICE_TIME_ZONE)}
          {isSeries(item.data)
            ? occurrence
              ? ` · repeating; this page is about the occurrence of ${occurrence.replace('T', ' ').slice(0, 16)}`
              : ' · repeating; choose an occurrence in the calendar to see one date'
            : ''}
          {item.data.location ? ` · ${item.data.location}` : ''}
        </p>
      ) : null}
      {/* Invited participants may not see the item itself (its calendar is not shared with them). */}
      {item.isError && !(isApiError(item.error) && item.error.status === 404) ? (
        <FormMessage tone="error">{errorMessage(item.error)}</FormMessage>
      ) : null}
      <AreaTabs label="Attendance views" tabs={tabs} />
    </>
  );
}
