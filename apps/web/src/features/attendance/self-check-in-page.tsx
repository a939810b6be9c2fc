import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { useDocumentTitle } from '../../app/use-document-title';
import { itemQuery } from '../calendar/calendar-api';
import { checkIn } from './attendance-api';

/** Where a scanned event code leads (`/check-in?token=…`): checks the signed-in person in. */
export function SelfCheckInPage() {
  useDocumentTitle('Check in');
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const sent = useRef(false);
  const attempt = useMutation({ mutationFn: () => checkIn({ token, method: 'qr_code' }) });
  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    attempt.mutate();
  }, [token, attempt.mutate]);
  const item = useQuery({ ...itemQuery(attempt.data?.itemId ?? ''), enabled: !!attempt.data, retry: false });
  const title = item.data?.title ?? 'the event';

  return (
    <section className="self-check-in">
      <h1>Check in</h1>
      {!token ? (
        <div className="notice notice--error" role="alert">
          This link has no check-in code. Scan the code shown at the event again.
        </div>
      ) : attempt.isPending || attempt.isIdle ? (
        <p role="status">Checking you in…</p>
      ) : attempt.isError ? (
        <div className="notice notice--error" role="alert">
          <strong>You are not checked in.</strong> {errorMessage(attempt.error)}
        </div>
      ) : (
        <div className="notice notice--success check-in-done" role="status">
          <span className="check-in-tick" aria-hidden="true">
            ✓
          </span>
          <p>
            <strong>You are checked in</strong>
            {item.data ? ` to ${title}` : ''}
            {attempt.data?.checkedInAt ? ` at ${formatDateTime(attempt.data.checkedInAt)}` : ''}.
          </p>
        </div>
      )}
      <p>
        <Link to="/calendar">Go to the calendar</Link>
      </p>
    </section>
  );
}
