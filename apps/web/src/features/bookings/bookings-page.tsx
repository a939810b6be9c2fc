import type { Booking, Resource } from '@kalendaryo/contract';
import { bookingStatuses, isOneOf } from '@kalendaryo/contract/values';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatSpan, isoInstant, todayIn } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { AreaTabs } from '../../app/ui/area-tabs';
import { SelectField } from '../../app/ui/field';
import { LoadMore } from '../../app/ui/paged-list';
import { useArrivalNotice } from '../../app/use-arrival-notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { allResourcesQuery } from '../resources/resources-api';
import { availableActions } from './actions';
import { BookingActionButtons, useBookingActions } from './booking-actions';
import { StatusBadge } from './booking-details';
import { bookingsQuery } from './bookings-api';
import { approvesResource, bookingStatusLabels, canApprove, canRequest } from './permissions';

/** The header and view links every bookings page shares. */
export function BookingsHeader({ resources }: { resources: readonly Resource[] }) {
  const { user } = useSession();
  const location = useLocation();
  const tabs = [
    { to: '/bookings', label: 'My bookings' },
    ...(canApprove(user.role, resources) ? [{ to: '/bookings/approvals', label: 'Approvals' }] : []),
  ];
  return (
    <>
      <div className="page-header">
        <h1>Bookings</h1>
        {canRequest(user.role) ? (
          <Link
            className="button button--primary"
            to={`/bookings/new?${new URLSearchParams({ back: `${location.pathname}${location.search}` })}`}
          >
            New booking
          </Link>
        ) : null}
      </div>
      <AreaTabs label="Booking views" tabs={tabs} />
    </>
  );
}

const whenOptions = [
  { value: 'upcoming', label: 'Today and later' },
  { value: 'past', label: 'Before today' },
  { value: 'all', label: 'All dates' },
] as const;
type When = (typeof whenOptions)[number]['value'];

interface TableProps {
  bookings: readonly Booking[];
  resources: ReadonlyMap<string, Resource>;
  zone: string;
  caption: string;
  actionsFor: (b: Booking) => ReturnType<typeof availableActions>;
  busy: boolean;
  onAction: Parameters<typeof BookingActionButtons>[0]['onAction'];
  /** The booking a link named (`?booking=<id>`, as notifications carry): marked and scrolled to. */
  linkedId?: string | null;
}

export function BookingsTable({
  bookings,
  resources,
  zone,
  caption,
  actionsFor,
  busy,
  onAction,
  linkedId,
}: TableProps) {
  const linkedRow = useRef<HTMLTableRowElement>(null);
  const found = !!linkedId && bookings.some((b) => b.id === linkedId);
  useEffect(() => {
    if (found) linkedRow.current?.scrollIntoView?.({ block: 'center' });
  }, [found]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Purpose</th>
            <th scope="col">Resource</th>
            <th scope="col">When</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr
              key={b.id}
              data-booking-id={b.id}
              ref={b.id === linkedId ? linkedRow : undefined}
              className={b.id === linkedId ? 'row--linked' : undefined}
              aria-current={b.id === linkedId ? 'true' : undefined}
            >
              <th scope="row">
                {b.purpose}
                {b.decisionReason ? <span className="cell-note">Reason: {b.decisionReason}</span> : null}
              </th>
              <td>{resources.get(b.resourceId)?.name ?? b.resource.name}</td>
              <td>{formatSpan(b.start, b.end, zone)}</td>
              <td>
                <StatusBadge booking={b} />
              </td>
              <td>
                <BookingActionButtons booking={b} actions={actionsFor(b)} busy={busy} onAction={onAction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** My bookings: the person's own requests with their status; cancel, check out and check in. */
export function BookingsPage() {
  useDocumentTitle('My bookings');
  const { user } = useSession();
  const zone = user.timeZone;
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isOneOf(bookingStatuses, statusParam) ? statusParam : '';
  const when: When = whenOptions.some((o) => o.value === params.get('when'))
    ? (params.get('when') as When)
    : 'upcoming';
  const todayStart = isoInstant(`${todayIn(zone)}T00:00:00`, zone);
  const query = useInfiniteQuery(
    bookingsQuery({
      requester: 'me',
      status,
      ...(when === 'upcoming' ? { from: todayStart } : when === 'past' ? { to: todayStart } : {}),
    }),
  );
  const resources = useQuery(allResourcesQuery('', true));
  const byId = new Map((resources.data ?? []).map((r) => [r.id, r]));
  const actions = useBookingActions(zone);
  const arrived = useArrivalNotice();
  const bookings = query.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <BookingsHeader resources={resources.data ?? []} />
      {actions.notice ? (
        <FormMessage tone={actions.notice.tone}>{actions.notice.text}</FormMessage>
      ) : (
        <FormMessage tone="success">{arrived}</FormMessage>
      )}
      <search>
        <form className="filters" aria-label="Filter my bookings" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            name="status"
            label="Filter by status"
            value={status}
            onChange={(e) => setFilter('status', e.target.value, '')}
            options={[
              { value: '', label: 'Any status' },
              ...bookingStatuses.map((s) => ({ value: s, label: bookingStatusLabels[s] })),
            ]}
          />
          <SelectField
            name="when"
            label="Dates"
            value={when}
            onChange={(e) => setFilter('when', e.target.value, 'upcoming')}
            options={whenOptions}
          />
        </form>
      </search>
      {query.isPending ? (
        <p role="status">Loading your bookings…</p>
      ) : query.isError && !query.data ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : bookings.length === 0 ? (
        <p role="status">
          You have no bookings here. Book a resource from the Resources page or with New booking.
        </p>
      ) : (
        <BookingsTable
          bookings={bookings}
          resources={byId}
          zone={zone}
          caption="My bookings"
          linkedId={params.get('booking')}
          busy={actions.busy}
          onAction={actions.run}
          actionsFor={(b) =>
            availableActions(b, {
              userId: user.id,
              approves: approvesResource(byId.get(b.resourceId)),
              resourceType: byId.get(b.resourceId)?.type,
              now: Date.now(),
            })
          }
        />
      )}
      <LoadMore query={query} />
      {actions.dialog}
    </>
  );
}
