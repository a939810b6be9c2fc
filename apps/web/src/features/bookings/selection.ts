/** The approvals queue's selection and the summary of a bulk decision. Pure. */

import type { Notice } from '../../app/ui/alert';
import type { BulkOutcome } from './bookings-api';

/** The set with `id` added or removed. */
export function toggle(selected: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** All of `ids` selected, or none of them when all were. */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return all ? new Set() : new Set(ids);
}

/** The selection limited to what is still listed (decided bookings drop out of the queue). */
export function keepListed(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const listed = new Set(ids);
  return new Set([...selected].filter((id) => listed.has(id)));
}

/** 'all' | 'some' | 'none' of the listed ids are selected (for the header checkbox). */
export function selectionState(
  selected: ReadonlySet<string>,
  ids: readonly string[],
): 'all' | 'some' | 'none' {
  const n = ids.filter((id) => selected.has(id)).length;
  if (n === 0) return 'none';
  return n === ids.length ? 'all' : 'some';
}

export interface BulkSummary extends Notice {
  failed: BulkOutcome[];
}

const count = (n: number) => (n === 1 ? '1 booking' : `${n} bookings`);

/** "Approved 3 bookings." or "Approved 2 bookings; 1 could not be approved." */
export function summariseBulk(decision: 'approve' | 'reject', results: readonly BulkOutcome[]): BulkSummary {
  const done = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  const verb = decision === 'approve' ? 'Approved' : 'Rejected';
  const past = decision === 'approve' ? 'approved' : 'rejected';
  if (failed.length === 0) return { tone: 'success', text: `${verb} ${count(done)}.`, failed };
  const head = done > 0 ? `${verb} ${count(done)}; ` : '';
  const tail = `${failed.length === 1 ? '1 booking' : `${failed.length} bookings`} could not be ${past}.`;
  return {
    tone: 'error',
    text: `${head}${head ? tail : tail.charAt(0).toUpperCase() + tail.slice(1)}`,
    failed,
  };
}
