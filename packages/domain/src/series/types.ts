/**
 * Types of Kalendaryo's series rules. All times are local wall times 'YYYY-MM-DDTHH:mm:ss' in the
 * series' zone (null = floating); an all-day series keeps its dates as local midnights.
 */

/** When a series recurs: DTSTART, RRULE, EXDATE and RDATE (RFC 5545 §3.8.5) in the wall time of `zone`. */
export interface SeriesSchedule {
  /** Start of the first occurrence. */
  readonly dtstart: string;
  /** IANA zone of the wall times; null for floating times, which each viewer reads in their own zone. */
  readonly zone: string | null;
  readonly allDay: boolean;
  /** RRULE value without the 'RRULE:' prefix; null when the series repeats only by RDATE (or not at all). */
  readonly rrule: string | null;
  /** Excluded starts, ascending. */
  readonly exdates: readonly string[];
  /** Extra starts, ascending. */
  readonly rdates: readonly string[];
}

/** A series' schedule with the end of its first occurrence (DTEND), which sets every occurrence's length. */
export interface SeriesTimes extends SeriesSchedule {
  readonly dtend: string;
}

/** Status an exception may give its occurrence (RFC 5545 §3.8.1.11, VEVENT values). */
export type OccurrenceStatus = 'tentative' | 'confirmed' | 'cancelled';

/**
 * An override of one occurrence, keyed by the occurrence's original start: its RECURRENCE-ID
 * (RFC 5545 §3.8.4.4). Null fields take the series' value; `dtstart`/`dtend` are set together
 * when the occurrence moved. A cancelled exception removes the occurrence.
 */
export interface SeriesException {
  readonly recurrenceId: string;
  readonly cancelled: boolean;
  readonly dtstart: string | null;
  readonly dtend: string | null;
  readonly title: string | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly status: OccurrenceStatus | null;
}

/** A series with the exceptions that belong to it. */
export interface SeriesPart {
  readonly times: SeriesTimes;
  readonly exceptions: readonly SeriesException[];
}

/** Epoch milliseconds `fromMs <= t < toMs`. */
export interface EpochWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** One start produced by expanding a schedule. */
export interface SeriesStart {
  /** Local wall time of the start as on the clock: the occurrence's recurrence id. */
  readonly local: string;
  readonly ms: number;
}

/** One occurrence of a series as shown: its original start, its (possibly moved) times, its override. */
export interface SeriesOccurrence {
  /** The occurrence's original start (its RECURRENCE-ID), a local wall time. */
  readonly recurrenceId: string;
  readonly startMs: number;
  readonly endMs: number;
  /**
   * An all-day occurrence's local dates 'YYYY-MM-DD': its first day and the day after its last
   * (DTEND is exclusive, RFC 5545 §3.6.1). Null when timed: the instants say it all.
   */
  readonly dates: { readonly start: string; readonly end: string } | null;
  /** The exception that changed this occurrence, if any (never a cancelled one). */
  readonly exception: SeriesException | undefined;
}
