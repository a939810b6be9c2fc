import { isApproverRole } from '@kalendaryo/domain/office/index';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { AccessDenied } from '../../app/access-denied';
import { errorMessage } from '../../app/api';
import { formatOccurrenceTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { LoadMore } from '../../app/ui/paged-list';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { keepListed, selectionState, toggle, toggleAll } from '../bookings/selection';
import { feedKey } from '../calendar/calendar-api';
import { optionLabel } from '../calendar/labels';
import { decideLeaveMany, leaveKey, leaveQuery, summariseLeave } from './leave-api';

/**
 * The leave queue: pending leave of the people this person approves for (coordinators and
 * administrators), one by one or several at once, with a reason. Their own leave is decided by
 * another approver, so it is not listed here.
 */
export function LeaveQueuePage() {
  useDocumentTitle('Leave approvals');
  const { user } = useSession();
  const approver = isApproverRole(user.role);
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({ ...leaveQuery('pending'), enabled: approver });
  const pending = (query.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (l) => l.organizerId !== user.id && l.details.approvalStatus === 'pending',
  );
  const ids = pending.map((l) => l.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ReturnType<typeof summariseLeave> | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const allRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const idsKey = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the listed requests change
  useEffect(() => setSelected((s) => keepListed(s, ids)), [idsKey]);
  const state = selectionState(selected, ids);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = state === 'some';
  }, [state]);

  const decide = useMutation({
    mutationFn: ({ decision, only }: { decision: 'approve' | 'reject'; only: string[] }) =>
      decideLeaveMany(decision, only, reason),
    onSuccess: (results, { decision }) => {
      setSummary(summariseLeave(decision, results));
      setSelected(new Set(results.filter((r) => !r.ok).map((r) => r.id)));
      if (results.some((r) => r.ok)) setReason('');
      void queryClient.invalidateQueries({ queryKey: leaveKey });
      void queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });
  const run = (decision: 'approve' | 'reject', only: string[]) => {
    setSummary(null);
    if (decision === 'reject' && !reason.trim()) {
      setReasonError('Give a reason to reject: the requester will see it.');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    decide.mutate({ decision, only });
  };

  if (!approver) return <AccessDenied />;
  const titleOf = new Map(pending.map((l) => [l.id, `${l.requester?.name ?? 'Someone'}: ${l.title}`]));
  const n = selected.size;
  const busy = decide.isPending;

  return (
    <>
      <div className="page-header">
        <h1>Leave approvals</h1>
      </div>
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
                  “{titleOf.get(f.id) ?? f.id}”: {f.detail ?? 'refused'}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <FormMessage tone="error">{decide.isError ? errorMessage(decide.error) : null}</FormMessage>
      <section className="card bulk-bar" aria-label="Decide the selected leave">
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
            disabled={n === 0 || busy}
            onClick={() => run('approve', [...selected])}
          >
            Approve selected
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={n === 0 || busy}
            onClick={() => run('reject', [...selected])}
          >
            Reject selected
          </button>
        </div>
      </section>
      {query.isPending ? (
        <p role="status">Loading leave requests…</p>
      ) : query.isError && !query.data ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : pending.length === 0 ? (
        <p role="status">No leave is waiting for you.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" aria-label="Pending leave" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Leave requests waiting for a decision</caption>
            <thead>
              <tr>
                <th scope="col" className="cell-check">
                  <input
                    ref={allRef}
                    type="checkbox"
                    aria-label="Select all leave requests"
                    checked={state === 'all'}
                    onChange={() => setSelected((s) => toggleAll(s, ids))}
                  />
                </th>
                <th scope="col">Requested by</th>
                <th scope="col">Type</th>
                <th scope="col">Dates</th>
                <th scope="col">Backup</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((l) => {
                const who = l.requester?.name ?? 'Someone';
                return (
                  <tr
                    key={l.id}
                    data-leave-id={l.id}
                    className={selected.has(l.id) ? 'row--selected' : undefined}
                  >
                    <td className="cell-check">
                      <input
                        type="checkbox"
                        aria-label={`Select the leave of ${who}`}
                        checked={selected.has(l.id)}
                        onChange={(e) => setSelected((s) => toggle(s, l.id, e.target.checked))}
                      />
                    </td>
                    <th scope="row">
                      {who}
                      <span className="cell-note">{l.title}</span>
                    </th>
                    <td>{optionLabel('leaveType', l.details.leaveType)}</td>
                    <td>{formatOccurrenceTime(l, user.timeZone)}</td>
                    <td>{l.backup?.name ?? '—'}</td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy}
                          aria-label={`Approve the leave of ${who}`}
                          onClick={() => run('approve', [l.id])}
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          disabled={busy}
                          aria-label={`Reject the leave of ${who}`}
                          onClick={() => run('reject', [l.id])}
                        >
                          Reject
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore query={query} loadingLabel="Load more" />
    </>
  );
}
