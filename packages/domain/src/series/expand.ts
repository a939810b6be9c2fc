/** Expansion of a stored series into occurrence starts, on top of the recurrence engine. */
import { expandSeries } from '../recurrence/expand';
import { parseRRule } from '../recurrence/parse';
import type { EpochWindow, SeriesSchedule, SeriesStart } from './types';
import { localToEpochMs } from './wall';

/** What expanding one schedule may return and in which zone floating times are read. */
export interface ExpandScheduleOptions {
  /** Most starts returned: no window or rule can make one series cost without bound. */
  readonly limit: number;
  /** Zone of a floating schedule's wall times (the viewer's); default UTC. */
  readonly floatingZone?: string;
  /** Candidates the engine may examine (default: the engine's budget); see the recurrence budget. */
  readonly maxCandidates?: number;
  /** Past the budget: refuse with `recurrence.too_complex` ('throw', default) or return what was found. */
  readonly onBudget?: 'throw' | 'truncate';
}

/** Starts of a schedule and what it cost to find them. */
export interface ScheduleExpansion {
  readonly starts: SeriesStart[];
  /** The budget ran out: later starts may be missing. */
  readonly truncated: boolean;
  /** Candidates the engine examined. */
  readonly candidates: number;
}

/** Whether a schedule repeats, by RRULE or RDATE; only then do its occurrences have recurrence ids. */
export function isRecurring(schedule: Pick<SeriesSchedule, 'rrule' | 'rdates'>): boolean {
  return schedule.rrule !== null || schedule.rdates.length > 0;
}

/** Whether an RRULE ends by COUNT or UNTIL (RFC 5545 §3.3.10); no rule at all is a bounded series. */
export function isBounded(rrule: string | null): boolean {
  if (!rrule) return true;
  const spec = parseRRule(rrule);
  return spec.count !== undefined || spec.until !== undefined;
}

/**
 * Occurrence starts of a schedule with `fromMs <= start < toMs` (without a window, the first
 * `limit` from DTSTART), after EXDATE and RDATE (RFC 5545 §3.8.5), in ascending order.
 */
export function expandSchedule(
  schedule: SeriesSchedule,
  window: EpochWindow | null,
  options: ExpandScheduleOptions,
): SeriesStart[] {
  return expandScheduleWithin(schedule, window, options).starts;
}

/** `expandSchedule`, also saying whether the work budget cut it short and what it examined. */
export function expandScheduleWithin(
  schedule: SeriesSchedule,
  window: EpochWindow | null,
  options: ExpandScheduleOptions,
): ScheduleExpansion {
  const zone = schedule.zone ?? options.floatingZone ?? 'UTC';
  if (!isRecurring(schedule)) {
    const ms = localToEpochMs(schedule.dtstart, zone);
    const starts =
      !window || (ms >= window.fromMs && ms < window.toMs) ? [{ local: schedule.dtstart, ms }] : [];
    return { starts, truncated: false, candidates: 0 };
  }
  const got = expandSeries(
    {
      dtstart: schedule.dtstart,
      tzid: zone,
      rrule: schedule.rrule,
      exdates: schedule.exdates,
      rdates: schedule.rdates,
    },
    {
      ...(window
        ? {
            window: {
              // Date#toISOString gives a flat string, which the engine's parser reads faster than a
              // concatenated one; the instant is the same.
              start: new Date(window.fromMs).toISOString(),
              end: new Date(window.toMs).toISOString(),
            },
          }
        : {}),
      limit: options.limit,
      maxOccurrences: Math.max(options.limit, 100_000),
      ...(options.maxCandidates !== undefined ? { maxCandidates: options.maxCandidates } : {}),
      ...(options.onBudget !== undefined ? { onBudget: options.onBudget } : {}),
    },
  );
  return {
    starts: got.occurrences.map((o) => ({ local: o.local, ms: o.epochMs ?? localToEpochMs(o.local, null) })),
    truncated: got.truncated,
    candidates: got.candidates,
  };
}

/** Whether `local` is an occurrence start of the schedule (after EXDATE; RFC 5545 §3.8.4.4 RECURRENCE-ID). */
export function isOccurrenceStart(schedule: SeriesSchedule, local: string): boolean {
  const ms = localToEpochMs(local, schedule.zone);
  return expandSchedule(schedule, { fromMs: ms, toMs: ms + 1000 }, { limit: 10 }).some(
    (o) => o.local === local,
  );
}

/**
 * When the last occurrence of a schedule ends (epoch ms; floating read as UTC), for selecting the
 * series by time; null when the rule never ends (no COUNT or UNTIL, RFC 5545 §3.3.10) or has
 * `limit` occurrences or more. EXDATE is left out: the bound only has to be late enough.
 */
export function lastEndMs(schedule: SeriesSchedule, durationMs: number, limit: number): number | null {
  const first = localToEpochMs(schedule.dtstart, schedule.zone);
  if (!isRecurring(schedule)) return first + durationMs;
  if (!isBounded(schedule.rrule)) return null;
  const all = expandSchedule({ ...schedule, exdates: [] }, null, { limit });
  if (all.length >= limit) return null;
  return all.reduce((last, o) => Math.max(last, o.ms), first) + durationMs;
}
