import type { Booking } from '@kalendaryo/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorMessage, hasCode } from '../../app/api';
import { formatSpan } from '../../app/time';
import type { Notice } from '../../app/ui/alert';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { availabilityKey } from '../resources/resources-api';
import { confirmationOf } from './actions';
import {
  type BookingAction,
  bookingAction,
  bookingActionDone,
  bookingActionLabels,
  bookingsKey,
} from './bookings-api';
import { bookingStatusLabels } from './permissions';

/** A sentence for a refused action; an illegal transition says what the booking has become. */
export function actionError(e: unknown): string {
  if (hasCode(e, 'booking.invalid_transition')) {
    return `${e.detail ?? 'This booking cannot change that way any more.'} Reload the list to see where it stands.`;
  }
  return errorMessage(e);
}

/**
 * Runs booking actions (approve, reject, cancel, complete, check-out, check-in) with their
 * confirmations; reports the outcome as a notice and refreshes every view of bookings.
 */
export function useBookingActions(zone: string) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<{ booking: Booking; action: BookingAction } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const mutation = useMutation({
    mutationFn: ({ booking, action, reason }: { booking: Booking; action: BookingAction; reason?: string }) =>
      bookingAction(booking.id, action, reason),
    onSuccess: (updated, { booking, action }) => {
      setAsking(null);
      const status = ` It is now ${bookingStatusLabels[updated.status].toLowerCase()}.`;
      setNotice({
        tone: 'success',
        text: `${bookingActionDone[action]} “${booking.purpose}”.${action === 'check-out' || action === 'check-in' ? '' : status}`,
      });
      void queryClient.invalidateQueries({ queryKey: bookingsKey });
      void queryClient.invalidateQueries({ queryKey: availabilityKey });
      void queryClient.invalidateQueries({ queryKey: ['utilisation'] });
    },
    onError: (e, { booking, action }) => {
      if (confirmationOf(action) === 'none') {
        setNotice({
          tone: 'error',
          text: `Could not ${bookingActionLabels[action].toLowerCase()} “${booking.purpose}”. ${actionError(e)}`,
        });
      }
    },
  });

  const run = (booking: Booking, action: BookingAction) => {
    mutation.reset();
    setNotice(null);
    if (confirmationOf(action) === 'none') mutation.mutate({ booking, action });
    else setAsking({ booking, action });
  };

  const dialog = asking ? (
    <ActionDialog
      booking={asking.booking}
      action={asking.action}
      zone={zone}
      busy={mutation.isPending}
      error={mutation.isError ? actionError(mutation.error) : null}
      onConfirm={(reason) => mutation.mutate({ ...asking, ...(reason !== undefined ? { reason } : {}) })}
      onClose={() => setAsking(null)}
    />
  ) : null;

  return { run, busy: mutation.isPending, notice, setNotice, dialog };
}

interface ActionDialogProps {
  booking: Booking;
  action: BookingAction;
  zone: string;
  busy: boolean;
  error: string | null;
  onConfirm: (reason?: string) => void;
  onClose: () => void;
}

function ActionDialog({ booking, action, zone, busy, error, onConfirm, onClose }: ActionDialogProps) {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const withReason = confirmationOf(action) === 'reason';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (withReason && !reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(withReason ? reason.trim() : undefined);
  };
  const title = action === 'reject' ? 'Reject this booking?' : 'Cancel this booking?';
  return (
    <Dialog title={title} open onClose={onClose}>
      <p>
        “{booking.purpose}”, {formatSpan(booking.start, booking.end, zone)}, {booking.resource.name}.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        {withReason ? (
          <div className={missing ? 'field field--invalid' : 'field'}>
            <label htmlFor={reasonId}>Reason (required to reject)</label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
              data-autofocus
            />
            {missing ? (
              <p className="field-error" id={`${reasonId}-error`}>
                Say why, so the requester can plan around it.
              </p>
            ) : null}
          </div>
        ) : (
          <p>The resource becomes free for others at this time.</p>
        )}
        <FormMessage tone="error">{error}</FormMessage>
        <div className="form-actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            {action === 'reject' ? 'Reject booking' : 'Cancel booking'}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={onClose}
            {...(withReason ? {} : { 'data-autofocus': true })}
          >
            Keep it
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The row or dialog buttons for the actions a booking offers; named with the booking's purpose. */
export function BookingActionButtons({
  booking,
  actions,
  busy,
  onAction,
  children,
}: {
  booking: Booking;
  actions: readonly BookingAction[];
  busy: boolean;
  onAction: (b: Booking, a: BookingAction) => void;
  children?: ReactNode;
}) {
  if (actions.length === 0 && !children) return <span className="muted">—</span>;
  return (
    <div className="row-actions">
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          className={
            a === 'approve'
              ? 'button button--small button--primary'
              : a === 'reject' || a === 'cancel'
                ? 'button button--small button--danger-ghost'
                : 'button button--small'
          }
          aria-label={`${bookingActionLabels[a]} “${booking.purpose}”`}
          disabled={busy}
          onClick={() => onAction(booking, a)}
        >
          {bookingActionLabels[a]}
        </button>
      ))}
      {children}
    </div>
  );
}
