/**
 * Kalendaryo's RFC 5545 recurrence module: parse and write RRULEs, check the item form's rules, and
 * expand a series (DTSTART, TZID, RRULE, EXDATE, RDATE) into occurrences for a window or a limit.
 * Semantics: ARCHITECTURE.md "Recurrence"; the BYxxx engine sits behind `WallClockGenerator`.
 */
export { DEFAULT_MAX_CANDIDATES, WorkBudget } from './budget';
export { expandRecurrence, expandSeries } from './expand';
export { type FormRule, validateFormRule } from './form';
export { formatRRule } from './format';
export type { GeneratorRange, WallClockGenerator } from './generator';
export {
  checkRecurrenceLimits,
  MAX_PERIOD_CANDIDATES,
  MAX_SUB_DAILY_PERIODS,
  periodCandidates,
} from './limits';
export { parseRRule } from './parse';
export * from './types';
