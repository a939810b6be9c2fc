import type { Booking } from '@kalendaryo/contract';
import { formatDateTime, formatSpan } from '../../app/time';
import { bookingStatusLabels } from './permissions';

/** What is known about one booking, as a description list. */
export function BookingFacts({
  booking: b,
  zone,
  resourceName,
}: {
  booking: Booking;
  zone: string;
  resourceName?: string | undefined;
}) {
  const who = b.requester?.name;
  return (
    <dl className="details">
      <dt>Resource</dt>
      <dd>{resourceName ?? b.resource.name}</dd>
      <dt>When</dt>
      <dd>{formatSpan(b.start, b.end, zone)}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge booking={b} />
      </dd>
      {who ? (
        <>
          <dt>Requested by</dt>
          <dd>{who}</dd>
        </>
      ) : null}
      {b.notes ? (
        <>
          <dt>Notes</dt>
          <dd>{b.notes}</dd>
        </>
      ) : null}
      {b.decisionReason ? (
        <>
          <dt>Reason</dt>
          <dd>{b.decisionReason}</dd>
        </>
      ) : null}
      {b.checkedOutAt ? (
        <>
          <dt>Checked out</dt>
          <dd>{formatDateTime(b.checkedOutAt, zone)}</dd>
        </>
      ) : null}
      {b.checkedInAt ? (
        <>
          <dt>Checked in</dt>
          <dd>{formatDateTime(b.checkedInAt, zone)}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function StatusBadge({
  booking: b,
}: {
  booking: Pick<Booking, 'status' | 'checkedOutAt' | 'checkedInAt'>;
}) {
  const away = b.status === 'approved' && b.checkedOutAt && !b.checkedInAt;
  return (
    <span className={`badge badge--booking-${b.status}`}>
      {bookingStatusLabels[b.status]}
      {away ? ' · checked out' : ''}
    </span>
  );
}
