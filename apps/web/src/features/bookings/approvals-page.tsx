import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { AccessDenied } from '../../app/access-denied';
import { errorMessage } from '../../app/api';
import { formatSpan } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { LoadMore } from '../../app/ui/paged-list';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { resourceTypeLabels } from '../resources/labels';
import { allResourcesQuery, availabilityKey } from '../resources/resources-api';
import { BookingActionButtons, useBookingActions } from './booking-actions';
import { bookingsKey, bookingsQuery, bulkDecide } from './bookings-api';
import { BookingsHeader } from './bookings-page';
import { canApprove } from './permissions';
import { type BulkSummary, keepListed, selectionState, summariseBulk, toggle, toggleAll } from './selection';

/** The approvals queue: pending requests for the resources this person decides; one by one or in bulk. */
export function ApprovalsPage() {
  useDocumentTitle('Booking approvals');
  const { user } = useSession();
  const zone = user.timeZone;
  const queryClient = useQueryClient();
  const resources = useQuery(allResourcesQuery('', true));
  const byId = new Map((resources.data ?? []).map((r) => [r.id, r]));
  const query = useInfiniteQuery(bookingsQuery({ status: 'pending' }));
  // The requests this person decides: the server says so of each booking.
  const pending = (query.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (b) => b.status === 'pending' && b.canApprove,
  );
  const ids = pending.map((b) => b.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const actions = useBookingActions(zone);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const idsKey = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the listed bookings change
  useEffect(() => setSelected((s) => keepListed(s, ids)), [idsKey]);
  const state = selectionState(selected, ids);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = state === 'some';
  }, [state]);

  const bulk = useMutation({
    mutationFn: ({ decision }: { decision: 'approve' | 'reject' }) =>
      bulkDecide(decision, [...selected], reason),
    onSuccess: (results, { decision }) => {
      setSummary(summariseBulk(decision, results));
      setSelected(new Set(results.filter((r) => !r.ok).map((r) => r.id)));
      if (results.some((r) => r.ok)) setReason('');
      void queryClient.invalidateQueries({ queryKey: bookingsKey });
      void queryClient.invalidateQueries({ queryKey: availabilityKey });
    },
  });
  const decide = (decision: 'approve' | 'reject') => {
    setSummary(null);
    actions.setNotice(null);
    if (decision === 'reject' && !reason.trim()) {
      setReasonError('Give a reason to reject: the requesters will see it.');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    bulk.mutate({ decision });
  };

  if (resources.data && !canApprove(user.role, resources.data)) return <AccessDenied />;
  const purposeOf = new Map(pending.map((b) => [b.id, b.purpose]));
  const n = selected.size;

  return (
    <>
      <BookingsHeader resources={resources.data ?? []} />
      {actions.notice ? <FormMessage tone={actions.notice.tone}>{actions.notice.text}</FormMessage> : null}
      {summary ? (
        <div
          className={summary.tone === 'success' ? 'notice notice--success' : 'notice notice--error'}
          role={summary.tone === 'success' ? 'status' : 'alert'}
        >
          <p>{summary.text}</p>
          {summary.failed.length > 0 ? (
            <ul>
              {summary.failed.map((f) => (
                <li key={f.id}>
                  “{purposeOf.get(f.id) ?? f.id}”: {f.error?.detail ?? 'refused'}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <FormMessage tone="error">{bulk.isError ? errorMessage(bulk.error) : null}</FormMessage>
      <section className="card bulk-bar" aria-label="Decide the selected requests">
        <p className="bulk-count" aria-live="polite">
          {n === 0 ? 'Select requests to decide several at once.' : `${n} selected.`}
        </p>
        <div className={reasonError ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${uid}-reason`}>Reason</label>
          <p className="field-hint" id={`${uid}-hint`}>
            Sent to the requesters. Required to reject, optional to approve.
          </p>
          <textarea
            ref={reasonRef}
            id={`${uid}-reason`}
            rows={2}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${uid}-hint${reasonError ? ` ${uid}-error` : ''}`}
            onChange={(e) => setReason(e.target.value)}
          />
          {reasonError ? (
            <p className="field-error" id={`${uid}-error`}>
              {reasonError}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={n === 0 || bulk.isPending}
            onClick={() => decide('approve')}
          >
            Approve selected
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={n === 0 || bulk.isPending}
            onClick={() => decide('reject')}
          >
            Reject selected
          </button>
        </div>
      </section>
      {query.isPending ? (
        <p role="status">Loading requests…</p>
      ) : query.isError && !query.data ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : pending.length === 0 ? (
        <p role="status">No requests are waiting for you.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" aria-label="Pending requests" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Booking requests waiting for a decision</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-check">
                  <input
                    ref={allRef}
                    type="checkbox"
                    aria-label="Select all requests"
                    checked={state === 'all'}
                    onChange={() => setSelected((s) => toggleAll(s, ids))}
                  />
                </th>
                <th scope="col">Purpose</th>
                <th scope="col">Resource</th>
                <th scope="col">When</th>
                <th scope="col">Requested by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((b) => {
                const r = byId.get(b.resourceId);
                return (
                  <tr
                    key={b.id}
                    data-booking-id={b.id}
                    className={selected.has(b.id) ? 'row--selected' : undefined}
                  >
                    <td className="cell-check">
                      <input
                        type="checkbox"
                        aria-label={`Select “${b.purpose}”`}
                        checked={selected.has(b.id)}
                        onChange={(e) => setSelected((s) => toggle(s, b.id, e.target.checked))}
                      />
                    </td>
                    <th scope="row">
                      {b.purpose}
                      {b.notes ? <span className="cell-note">{b.notes}</span> : null}
                    </th>
                    <td>
                      {r?.name ?? b.resource.name}
                      <span className="cell-note">{resourceTypeLabels[b.resource.type]}</span>
                    </td>
                    <td>{formatSpan(b.start, b.end, zone)}</td>
                    <td>{b.requester?.name ?? '—'}</td>
                    <td>
                      <BookingActionButtons
                        booking={b}
                        actions={['approve', 'reject']}
                        busy={actions.busy || bulk.isPending}
                        onAction={actions.run}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore query={query} loadingLabel="Load more" />
      {actions.dialog}
    </>
  );
}
