import type { Item, Occurrence } from '@kalendaryo/contract';
import { isApproverRole } from '@kalendaryo/domain/office/index';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatOccurrenceTime, occurrenceWall } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { useSession } from '../auth/session';
import { bookingPathFor } from '../bookings/booking-form';
import {
  calendarsQuery,
  communityQuery,
  completeTask,
  decideLeave,
  feedKey,
  itemKey,
  itemQuery,
  type LeaveDecision,
} from './calendar-api';
import { occurrenceId } from './calendar-events';
import { detailsSummary } from './details-summary';
import { isItemStatus, kindLabels, statusLabels } from './labels';

interface Props {
  occurrence: Occurrence | null;
  /** The event on the grid that opened the popover: placed beside it, focus returns to it. */
  anchor: HTMLElement | null;
  zone: string;
  onClose: () => void;
  onEdit: (occurrence: Occurrence) => void;
  onDelete: (occurrence: Occurrence, item: Item) => void;
}

/** Beside the event on wide screens; the stylesheet centres it on phones. */
function placement(anchor: HTMLElement | null): CSSProperties | undefined {
  if (!anchor || typeof window === 'undefined' || window.innerWidth < 700) return undefined;
  const r = anchor.getBoundingClientRect();
  const width = 360;
  const left = r.right + 8 + width < window.innerWidth ? r.right + 8 : Math.max(8, r.left - width - 8);
  const top = Math.min(Math.max(8, r.top), Math.max(8, window.innerHeight - 440));
  return { position: 'fixed', margin: 0, left, top, width };
}

/** The detail popover of an occurrence: what, when, where, which calendar, and what one may do. */
export function OccurrencePopover({ occurrence, anchor, zone, onClose, onEdit, onDelete }: Props) {
  const { user } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const itemId = occurrence?.itemId ?? null;
  const item = useQuery({ ...itemQuery(itemId ?? ''), enabled: itemId !== null });
  const calendars = useQuery(calendarsQuery);
  const community = useQuery({
    ...communityQuery(occurrence?.communityId ?? ''),
    enabled: !!occurrence?.communityId,
  });
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const act = useMutation({
    mutationFn: async (action: LeaveDecision | 'complete') =>
      action === 'complete'
        ? completeTask(itemId!, occurrence?.recurring ? (occurrence.recurrenceId ?? undefined) : undefined)
        : decideLeave(itemId!, action, reason.trim() || null),
    onSuccess: (updated, action) => {
      queryClient.setQueryData(itemKey(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: feedKey });
      const done = { approve: 'Leave approved.', reject: 'Leave rejected.', cancel: 'Leave cancelled.' };
      setMessage({ tone: 'success', text: action === 'complete' ? 'Task marked done.' : done[action] });
      setReason('');
    },
    onError: (e) => setMessage({ tone: 'error', text: errorMessage(e) }),
  });

  const o = occurrence;
  const data = item.data;
  const details = data?.details ?? o?.details;
  const rows = o ? detailsSummary(o.kind, details, zone) : [];
  const calendar = calendars.data?.find((c) => c.id === o?.calendarId);
  const approval = String(data?.details.approvalStatus ?? 'pending');
  const isApprover = isApproverRole(user.role);
  const isOwn = data?.organizerId === user.id;
  const leave = o?.kind === 'leave' && data;
  const canApprove = leave && isApprover && !isOwn && approval === 'pending';
  const canCancelLeave =
    leave && (isOwn || isApprover) && (approval === 'pending' || approval === 'approved');
  // A recurring task is done one occurrence at a time: the feed says which ones are.
  const taskStatus = o?.recurring
    ? (o.details?.taskStatus ?? data?.details.taskStatus)
    : data?.details.taskStatus;
  const canComplete = o?.kind === 'task' && data && taskStatus !== 'done' && o.editable;
  const close = () => {
    setMessage(null);
    setReason('');
    onClose();
  };

  return (
    <Dialog
      title={o?.title ?? ''}
      open={o !== null}
      onClose={close}
      className="popover-dialog"
      returnFocus={() =>
        anchor?.isConnected
          ? anchor
          : o
            ? document.querySelector<HTMLElement>(`[data-occurrence="${CSS.escape(occurrenceId(o))}"]`)
            : null
      }
      style={placement(anchor)}
    >
      {o ? (
        <div className="occurrence-details">
          <p className="occurrence-kind">
            <span className="swatch" style={{ background: o.color }} aria-hidden="true" />
            {kindLabels[o.kind]}
            {o.recurring ? ' · repeats' : ''}
            {o.isException ? ' · changed from the series' : ''}
          </p>
          <dl className="details-list">
            <dt>When</dt>
            <dd>{formatOccurrenceTime(o, zone)}</dd>
            {o.location ? (
              <>
                <dt>Where</dt>
                <dd>{o.location}</dd>
              </>
            ) : null}
            {calendar ? (
              <>
                <dt>Calendar</dt>
                <dd>{calendar.name}</dd>
              </>
            ) : null}
            {community.data ? (
              <>
                <dt>Community</dt>
                <dd>{community.data.name}</dd>
              </>
            ) : null}
            {/* Leave shows its approval (in the details below) as its one status. */}
            {o.kind !== 'holiday' && o.kind !== 'leave' ? (
              <>
                <dt>Status</dt>
                <dd>{isItemStatus(o.status) ? statusLabels[o.status] : o.status}</dd>
              </>
            ) : null}
            {rows.map(([label, value]) => (
              <div key={label} className="details-row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {data?.description ? <p className="occurrence-description">{data.description}</p> : null}
          {item.isError ? <FormMessage tone="error">{errorMessage(item.error)}</FormMessage> : null}
          {message ? <FormMessage tone={message.tone}>{message.text}</FormMessage> : null}
          {canApprove || canCancelLeave ? (
            <div className="field">
              <label htmlFor="leave-reason">Reason (required to reject)</label>
              <textarea
                id="leave-reason"
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
          ) : null}
          <div className="form-actions popover-actions">
            {canApprove ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={act.isPending}
                  onClick={() => act.mutate('approve')}
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={act.isPending}
                  onClick={() => act.mutate('reject')}
                >
                  Reject
                </button>
              </>
            ) : null}
            {canCancelLeave ? (
              <button
                type="button"
                className="button"
                disabled={act.isPending}
                onClick={() => act.mutate('cancel')}
              >
                Cancel leave
              </button>
            ) : null}
            {canComplete ? (
              <button
                type="button"
                className="button button--primary"
                disabled={act.isPending}
                onClick={() => act.mutate('complete')}
              >
                Complete
              </button>
            ) : null}
            {o.itemId && o.kind !== 'leave' && user.role !== 'viewer' ? (
              <Link
                className="button"
                to={bookingPathFor(
                  { ...o, itemId: o.itemId },
                  occurrenceWall(o, zone),
                  `${location.pathname}${location.search}`,
                )}
              >
                Book a resource
              </Link>
            ) : null}
            {o.itemId && o.kind !== 'leave' ? (
              <Link
                className="button"
                to={`/calendar/items/${o.itemId}/participants${o.recurrenceId ? `?${new URLSearchParams({ occurrence: o.recurrenceId })}` : ''}`}
              >
                Participants
              </Link>
            ) : null}
            {o.editable && o.itemId ? (
              <>
                <button type="button" className="button" onClick={() => onEdit(o)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="button button--danger-ghost"
                  disabled={!data}
                  onClick={() => data && onDelete(o, data)}
                >
                  Delete
                </button>
              </>
            ) : null}
            <button type="button" className="button button--ghost" data-autofocus onClick={close}>
              Close
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
