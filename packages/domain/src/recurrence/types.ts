/** Types of Kalendaryo's RFC 5545 recurrence module. */

/** RRULE frequencies, finest first (RFC 5545 §3.3.10 `freq`). */
export const FREQUENCIES = [
  'SECONDLY',
  'MINUTELY',
  'HOURLY',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'YEARLY',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Weekdays in RFC 5545 spelling; the index is the weekday number used inside (0 = Monday). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One BYDAY entry: a weekday, with an ordinal `n` (2MO → n = 2, -1FR → n = -1) or without. */
export interface ByDay {
  readonly day: Weekday;
  readonly n?: number;
}

/**
 * A parsed RRULE value. Lists are deduplicated, in the order given. `until` keeps the RRULE's own
 * kind in ISO extended form: 'YYYY-MM-DD' (DATE), 'YYYY-MM-DDTHH:mm:ss' (floating DATE-TIME) or
 * 'YYYY-MM-DDTHH:mm:ssZ' (UTC DATE-TIME).
 */
export interface RRuleSpec {
  readonly freq: Frequency;
  readonly interval: number;
  readonly count?: number;
  readonly until?: string;
  readonly bySecond?: readonly number[];
  readonly byMinute?: readonly number[];
  readonly byHour?: readonly number[];
  readonly byDay?: readonly ByDay[];
  readonly byMonthDay?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byWeekNo?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
  readonly wkst: Weekday;
}

/** A recurring series as stored: DTSTART, its zone, RRULE, EXDATEs and RDATEs. */
export interface RecurrenceInput {
  /** Local wall time 'YYYY-MM-DDTHH:mm:ss', or a date 'YYYY-MM-DD' for an all-day series. */
  readonly dtstart: string;
  /** IANA zone of the wall times; null for floating times. */
  readonly tzid: string | null;
  /** RRULE value (with or without the 'RRULE:' prefix); absent for a single event with RDATEs. */
  readonly rrule?: string | null;
  /** Excluded starts, in the form of `dtstart` (a zoned series also accepts UTC instants ending in Z). */
  readonly exdates?: readonly string[];
  /** Extra starts, in the form of `dtstart` (a zoned series also accepts UTC instants ending in Z). */
  readonly rdates?: readonly string[];
}

/** What part of a series to expand. */
export interface ExpandOptions {
  /** Keep occurrences with start <= occurrence < end; ISO instants. Floating series compare wall times read as UTC. */
  readonly window?: { readonly start: string; readonly end: string };
  /** Keep the first N occurrences (after window, EXDATE and RDATE). */
  readonly limit?: number;
  /** Refuse (recurrence.too_many_occurrences) rather than return more than this; default 100,000. */
  readonly maxOccurrences?: number;
  /**
   * Candidates (days, periods and starts the BYxxx engine builds or checks) the expansion may
   * examine; default 1,000,000. Past it: see `onBudget`.
   */
  readonly maxCandidates?: number;
  /** A time limit on the same terms, with the caller's clock (this module reads none). */
  readonly deadline?: { readonly now: () => number; readonly at: number };
  /**
   * What to do when the budget is spent: 'throw' (default) refuses with `recurrence.too_complex`;
   * 'truncate' returns the occurrences found so far (every one before the point reached) and
   * says `truncated`.
   */
  readonly onBudget?: 'throw' | 'truncate';
}

/** An expansion with what it cost. */
export interface Expansion {
  readonly occurrences: Occurrence[];
  /** True when the budget ran out ('truncate'): later occurrences may be missing. */
  readonly truncated: boolean;
  /** Candidates examined; never more than `maxCandidates`. */
  readonly candidates: number;
}

/** One occurrence of a series. */
export interface Occurrence {
  /** Local wall time 'YYYY-MM-DDTHH:mm:ss' at the occurrence (the date 'YYYY-MM-DD' for all-day series). */
  readonly local: string;
  /** UTC instant of the start ('…Z'); null for floating series. */
  readonly start: string | null;
  /** `start` as epoch milliseconds; null for floating series. */
  readonly epochMs: number | null;
}
