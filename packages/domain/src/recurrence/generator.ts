/**
 * The seam between Kalendaryo's expansion (zones, COUNT, UNTIL, EXDATE/RDATE, windows) and a BYxxx
 * engine. An engine works only in floating wall-clock time (ARCHITECTURE.md "Recurrence" rule 1),
 * so it can be swapped without touching the time-zone rules.
 */
import type { WallMs } from '../time/wall-time';
import type { WorkBudget } from './budget';
import type { RRuleSpec } from './types';

/** The wall-time range an expansion needs from a generator. */
export interface GeneratorRange {
  /** Periods that end before this wall time may be skipped (never used when COUNT must be counted). */
  readonly from: WallMs;
  /** Stop once a period starts after this wall time. */
  readonly horizon: WallMs;
  /** Candidates the engine may build or check; it spends them as it goes (and throws when spent). */
  readonly budget?: WorkBudget;
}

/** A BYxxx engine: yields the wall times a rule matches, ascending. */
export interface WallClockGenerator {
  /**
   * Yields the wall times matched by the rule's FREQ/INTERVAL/BYxxx/WKST parts, ascending, each at or
   * after `dtstart` and no later than `range.horizon`. COUNT and UNTIL are the caller's business,
   * and so is DTSTART itself when the rule does not match it. Must terminate for rules that never
   * match anything.
   */
  generate(rule: RRuleSpec, dtstart: WallMs, range: GeneratorRange): Iterable<WallMs>;
}
