/**
 * The work one calendar feed may spend expanding series, shared fairly between them: no series,
 * and no number of series, can make a feed take seconds or keep the event loop for long.
 *
 * Every series first gets an equal share of the feed's budget (never less than a floor that
 * covers any ordinary series in any view). Those that needed more get the rest, shared equally
 * between them, in a second pass (max-min fairness): a few heavy series still show in full on a
 * quiet calendar, while hundreds of them each show their share, marked truncated, and the other
 * items are unaffected.
 */
import { setImmediate as breathe } from 'node:timers/promises';
import { MAX_PER_SERIES, type SeriesBudget } from './expand';

/** Candidates (see the domain's budget) all series of one feed may examine together. */
export const FEED_CANDIDATES = 1_000_000;
/** What every series gets at least: a day's slots of a dense rule, or years of a COUNT from long ago. */
export const MIN_SHARE: SeriesBudget = { limit: 50, candidates: 10_000 };
/** What one series gets at most. */
export const MAX_SHARE: SeriesBudget = { limit: MAX_PER_SERIES, candidates: 250_000 };

// Expansions run on the event loop: hand it back this often so that other requests are answered.
const SLICE_MS = 10;

const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, Math.floor(v)));

/** An equal share of what is left of the feed's budget for `n` series. */
export function shareOf(left: SeriesBudget, n: number): SeriesBudget {
  return {
    limit: clamp(left.limit / Math.max(n, 1), MIN_SHARE.limit, MAX_SHARE.limit),
    candidates: clamp(left.candidates / Math.max(n, 1), MIN_SHARE.candidates, MAX_SHARE.candidates),
  };
}

/** What expanding one row with a share gave: whether it was cut short, and what it spent. */
export interface Expanded {
  truncated: boolean;
  spent: SeriesBudget;
}

/**
 * Runs `expand` on every row with a fair share of the feed's budget (two passes, see above),
 * yielding to the event loop between rows every few milliseconds. Returns the results in row order.
 * `occurrences` is what the feed returns at most: shares that fit in it keep every row in the
 * answer, however many occurrences a few rows could produce.
 */
export async function expandFairly<R, O extends Expanded>(
  rows: readonly R[],
  occurrences: number,
  expand: (row: R, share: SeriesBudget) => O,
): Promise<O[]> {
  let sliceStart = performance.now();
  const breatheNow = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await breathe();
    sliceStart = performance.now();
  };
  const first = shareOf({ limit: occurrences, candidates: FEED_CANDIDATES }, rows.length);
  const out: O[] = [];
  const left = { limit: occurrences, candidates: FEED_CANDIDATES };
  for (const row of rows) {
    const got = expand(row, first);
    out.push(got);
    left.limit -= got.spent.limit;
    left.candidates -= got.spent.candidates;
    await breatheNow();
  }
  const wanting = out.flatMap((o, i) => (o.truncated ? [i] : []));
  if (wanting.length === 0) return out;
  // The second pass starts over with a larger share, so what the first pass spent on them is back.
  for (const i of wanting) {
    left.limit += out[i]!.spent.limit;
    left.candidates += out[i]!.spent.candidates;
  }
  const second = shareOf(left, wanting.length);
  // Starting over pays only when the share at least doubles; otherwise the first answers stand.
  if (second.limit < 2 * first.limit && second.candidates < 2 * first.candidates) return out;
  const more = {
    limit: Math.max(second.limit, first.limit),
    candidates: Math.max(second.candidates, first.candidates),
  };
  for (const i of wanting) {
    out[i] = expand(rows[i]!, more);
    await breatheNow();
  }
  return out;
}
