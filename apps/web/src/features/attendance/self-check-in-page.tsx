import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { useDocumentTitle } from '../../app/use-document-title';
import { checkIn, checkInPreviewQuery } from './attendance-api';

/**
 * Where a scanned event code leads (`/check-in?token=…`): shows the event and its time, and checks
 * the signed-in person in only when they press "Check me in" — opening a link sent by someone else
 * never checks anyone in.
 */
export function SelfCheckInPage() {
  useDocumentTitle('Check in');
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const preview = useQuery({ ...checkInPreviewQuery(token), enabled: !!token });
  const attempt = useMutation({ mutationFn: () => checkIn({ token, method: 'qr_code' }) });
  const event = preview.data;
  const title = event?.title ?? 'this event';
  const when = event ? `${formatDateTime(event.start)} – ${formatDateTime(event.end)}` : '';

  return (
    <section className="self-check-in">
      <h1>Check in</h1>
      {!token ? (
        <div className="notice notice--error" role="alert">
          This link has no check-in code. Scan the code shown at the event again.
        </div>
      ) : preview.isPending ? (
        <p role="status">Reading the check-in code…</p>
      ) : preview.isError ? (
        <div className="notice notice--error" role="alert">
          <strong>This check-in code cannot be used.</strong> {errorMessage(preview.error)}
        </div>
      ) : attempt.isSuccess ? (
        <div className="notice notice--success check-in-done" role="status">
          <span className="check-in-tick" aria-hidden="true">
            ✓
          </span>
          <p>
            <strong>You are checked in</strong>
            {event?.title ? ` to ${event.title}` : ''}
            {attempt.data.checkedInAt ? ` at ${formatDateTime(attempt.data.checkedInAt)}` : ''}.
          </p>
        </div>
      ) : (
        <div className="check-in-confirm">
          <p>
            Check in to <strong>{title}</strong>
            {when ? (
              <>
                , <span className="check-in-when">{when}</span>
              </>
            ) : null}
            ?
          </p>
          {event?.cancelled ? (
            <div className="notice notice--error" role="alert">
              This event or occurrence is cancelled.
            </div>
          ) : null}
          {attempt.isError ? (
            <div className="notice notice--error" role="alert">
              <strong>You are not checked in.</strong> {errorMessage(attempt.error)}
            </div>
          ) : null}
          <button
            type="button"
            className="button button--primary"
            disabled={attempt.isPending || event?.cancelled}
            onClick={() => attempt.mutate()}
          >
            {attempt.isPending ? 'Checking you in…' : 'Check me in'}
          </button>
        </div>
      )}
      <p>
        <Link to="/calendar">Go to the calendar</Link>
      </p>
    </section>
  );
}
