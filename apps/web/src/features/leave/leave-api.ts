import type { Item, LeaveApprovalStatus, LeaveRequest, Page } from '@kalendaryo/contract';
import { infiniteQueryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

export const leaveKey = ['leave'] as const;
const PAGE_SIZE = 50;

/** Leave requests in a status, by start: an approver's queue (everyone's), or a person's own. */
export const leaveQuery = (status: LeaveApprovalStatus) =>
  infiniteQueryOptions({
    queryKey: [...leaveKey, status],
    queryFn: ({ pageParam, signal }) =>
      api<Page<LeaveRequest>>('/leave', { query: { status, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface LeaveOutcome {
  id: string;
  ok: boolean;
  detail?: string;
}

/**
 * Approves or rejects several leave requests, one request each (a decision stands alone: one
 * that was cancelled meanwhile fails without stopping the others).
 */
export async function decideLeaveMany(
  decision: 'approve' | 'reject',
  ids: readonly string[],
  reason: string,
): Promise<LeaveOutcome[]> {
  const why = reason.trim() || null;
  const settled = await Promise.allSettled(
    ids.map((id) =>
      api<Item>(`/items/${encodeURIComponent(id)}/leave/${decision}`, {
        method: 'POST',
        body: { reason: why },
      }),
    ),
  );
  return settled.map((s, i) => ({
    id: ids[i]!,
    ok: s.status === 'fulfilled',
    ...(s.status === 'rejected'
      ? { detail: s.reason instanceof ApiError ? (s.reason.detail ?? s.reason.title) : 'refused' }
      : {}),
  }));
}

/** "Approved 3 leave requests." or "Approved 2 leave requests; 1 could not be approved." */
export function summariseLeave(decision: 'approve' | 'reject', results: readonly LeaveOutcome[]) {
  const n = (k: number) => (k === 1 ? '1 leave request' : `${k} leave requests`);
  const done = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  const verb = decision === 'approve' ? 'Approved' : 'Rejected';
  if (failed.length === 0) return { tone: 'success' as const, text: `${verb} ${n(done)}.`, failed };
  const tail = `${n(failed.length)} could not be ${decision === 'approve' ? 'approved' : 'rejected'}.`;
  return {
    tone: 'error' as const,
    text: done > 0 ? `${verb} ${n(done)}; ${tail}` : tail.charAt(0).toUpperCase() + tail.slice(1),
    failed,
  };
}
