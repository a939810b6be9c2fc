/** Validation of expansion inputs, and the series in the shape the expansion works on. */
import { AppError } from '../errors';
import { MS_PER_DAY } from '../time/civil';
import { parseInstant, parseLocalDate, parseLocalDateTime, type WallMs } from '../time/wall-time';
import { getTimeZone, type TimeZone } from '../time/zone';
import { DEFAULT_MAX_CANDIDATES } from './budget';
import { parseRRule } from './parse';
import type { ExpandOptions, RecurrenceInput, RRuleSpec } from './types';

/** A start as both its wall time and its sort key (the UTC instant, or the wall time when floating). */
export interface Point {
  readonly wall: WallMs;
  readonly key: number;
}

/** A validated series. */
export interface Series {
  readonly allDay: boolean;
  readonly zone: TimeZone | null;
  readonly dtstart: WallMs;
  readonly rule: RRuleSpec | null;
  readonly exdates: ReadonlySet<number>;
  readonly rdates: readonly Point[];
  /** Sort key of a wall time: its instant by RFC 5545 gap/overlap rules, or itself when floating. */
  key(wall: WallMs): number;
}

/** A validated expansion request (keys, see `Series.key`). */
export interface Request {
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly limit: number | undefined;
  readonly maxOccurrences: number;
  readonly maxCandidates: number;
  readonly truncate: boolean;
}

const DEFAULT_MAX_OCCURRENCES = 100_000;

function invalid(field: string, message: string): AppError {
  return new AppError('recurrence.invalid_input', `${field}: ${message}`, [
    { field, message, code: 'invalid' },
  ]);
}

/** Parses one EXDATE/RDATE value in the form of DTSTART (a zoned series also takes '…Z' instants). */
function parsePoint(
  text: string,
  field: string,
  allDay: boolean,
  key: (wall: WallMs) => number,
  zone: TimeZone | null,
) {
  if (allDay) {
    const wall = parseLocalDate(text);
    if (wall === undefined) throw invalid(field, `'${text}' is not a date 'YYYY-MM-DD' like dtstart`);
    return { wall, key: key(wall) };
  }
  const wall = parseLocalDateTime(text);
  if (wall !== undefined) return { wall, key: key(wall) };
  const instant = parseInstant(text);
  if (instant === undefined || !/Z$/i.test(text)) {
    throw invalid(
      field,
      `'${text}' is not a local date-time 'YYYY-MM-DDTHH:mm:ss' (or a UTC instant ending in Z)`,
    );
  }
  // A floating series reads a UTC value's digits as wall time, as it does for UNTIL.
  return zone ? { wall: zone.toWall(instant), key: instant } : { wall: instant, key: instant };
}

/** An all-day series repeats by days: sub-daily frequencies and times of day make no sense for it. */
function checkAllDayRule(rule: RRuleSpec): void {
  const timed = rule.freq === 'HOURLY' || rule.freq === 'MINUTELY' || rule.freq === 'SECONDLY';
  const part = timed
    ? 'FREQ'
    : rule.byHour
      ? 'BYHOUR'
      : rule.byMinute
        ? 'BYMINUTE'
        : rule.bySecond
          ? 'BYSECOND'
          : null;
  if (!part) return;
  const message = `${part} needs a DTSTART with a time of day; an all-day series repeats by whole days`;
  throw new AppError('recurrence.invalid_rule', message, [{ field: 'rrule', message, code: part }]);
}

/** Validates a series; throws `recurrence.invalid_input`, `recurrence.invalid_rule` or `time.unknown_zone`. */
export function prepareSeries(input: RecurrenceInput): Series {
  const allDay = parseLocalDate(input.dtstart) !== undefined;
  const dtstart = allDay ? parseLocalDate(input.dtstart) : parseLocalDateTime(input.dtstart);
  if (dtstart === undefined) {
    throw invalid(
      'dtstart',
      `'${input.dtstart}' is not a local date-time 'YYYY-MM-DDTHH:mm:ss' or a date 'YYYY-MM-DD'`,
    );
  }
  const zone = input.tzid === null || input.tzid === undefined ? null : getTimeZone(input.tzid);
  const key = zone ? (wall: WallMs) => zone.toInstant(wall) : (wall: WallMs) => wall;
  const rule = input.rrule ? parseRRule(input.rrule) : null;
  if (rule && allDay) checkAllDayRule(rule);
  const exdates = new Set(
    (input.exdates ?? []).map((text, i) => parsePoint(text, `exdates[${i}]`, allDay, key, zone).key),
  );
  const rdates = (input.rdates ?? []).map((text, i) => parsePoint(text, `rdates[${i}]`, allDay, key, zone));
  return { allDay, zone, dtstart, rule, exdates, rdates, key };
}

/** Validates window and limits. */
export function prepareRequest(options: ExpandOptions): Request {
  const {
    window,
    limit,
    maxOccurrences = DEFAULT_MAX_OCCURRENCES,
    maxCandidates = DEFAULT_MAX_CANDIDATES,
  } = options;
  const start = window ? parseInstant(window.start) : undefined;
  const end = window ? parseInstant(window.end) : undefined;
  if (window && start === undefined)
    throw invalid('window.start', `'${window.start}' is not an ISO 8601 instant`);
  if (window && end === undefined) throw invalid('window.end', `'${window.end}' is not an ISO 8601 instant`);
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw invalid('limit', `${limit} is not a non-negative integer`);
  }
  if (!(Number.isSafeInteger(maxOccurrences) && maxOccurrences > 0)) {
    throw invalid('maxOccurrences', `${maxOccurrences} is not a positive integer`);
  }
  if (!(Number.isSafeInteger(maxCandidates) && maxCandidates > 0)) {
    throw invalid('maxCandidates', `${maxCandidates} is not a positive integer`);
  }
  return { start, end, limit, maxOccurrences, maxCandidates, truncate: options.onBudget === 'truncate' };
}

/**
 * The inclusive UNTIL bound as a key (RFC 5545 §3.3.10; ARCHITECTURE.md rule 5). A UTC value is an
 * instant (a floating series reads its digits as wall time); a DATE with a DATE-TIME DTSTART, which
 * the RFC forbids but exporters write, runs through the end of that local day.
 */
export function untilKey(series: Series, until: string): number {
  if (until.length === 10) {
    const date = parseLocalDate(until) as WallMs;
    return series.allDay ? series.key(date) : series.key(date + MS_PER_DAY) - 1;
  }
  const wall = parseLocalDateTime(until.slice(0, 19)) as WallMs;
  // 'YYYY-MM-DDTHH:mm:ssZ' read as UTC has the same number as its digits read as a wall time.
  return until.endsWith('Z') ? wall : series.key(wall);
}
