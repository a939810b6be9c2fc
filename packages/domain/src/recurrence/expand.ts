/**
 * Expansion of a series into occurrences, with the semantics of ARCHITECTURE.md "Recurrence"
 * (rules 1–9, referenced below as "rule n"): the BYxxx engine runs in local wall-clock time, then
 * each wall time becomes an instant by RFC 5545's gap and overlap rules; COUNT, UNTIL, EXDATE,
 * RDATE, the window and the limit are applied here, on instants.
 */
import { AppError } from '../errors';
import { MS_PER_HOUR } from '../time/civil';
import { formatInstant, formatLocalDate, formatLocalDateTime } from '../time/wall-time';
import { calendarGenerator } from './calendar-generator';
import type { WallClockGenerator } from './generator';
import { type Point, prepareRequest, prepareSeries, type Request, type Series, untilKey } from './prepare';
import type { ExpandOptions, Occurrence, RecurrenceInput } from './types';

// UTC offsets are below 24 h (tzdata's largest is 15:56 LMT), so a wall time and its instant are
// less than a day apart; and the instants of ascending wall times only go backwards inside a gap,
// by less than the gap (at most 24 h in tzdata: Samoa 2011), so twice that is a safe slack.
const MAX_OFFSET = 24 * MS_PER_HOUR;
const MAX_GAP = 48 * MS_PER_HOUR;
// Work allowed per returned occurrence before an expansion is refused (COUNT from long ago).
const WORK_PER_OCCURRENCE = 10;

function tooMany(request: Request, what: string): AppError {
  const message = `the expansion needs more than ${request.maxOccurrences} ${what}; narrow the window or set a limit`;
  return new AppError('recurrence.too_many_occurrences', message, [
    { field: 'window', message, code: 'too_many' },
  ]);
}

/** Rule instances in wall-time order: DTSTART first (rule 3), COUNT before EXDATE (rule 4), UNTIL (rule 5). */
function* ruleInstances(series: Series, request: Request, generator: WallClockGenerator): Generator<Point> {
  const { rule } = series;
  const first = { wall: series.dtstart, key: series.key(series.dtstart) };
  const until = rule?.until === undefined ? undefined : untilKey(series, rule.until);
  if (until !== undefined && first.key > until) return;
  yield first;
  const count = rule?.count ?? Number.POSITIVE_INFINITY;
  if (!rule || count <= 1) return;
  const slack = series.zone ? MAX_OFFSET : 0;
  const bound = Math.min(until ?? Number.POSITIVE_INFINITY, request.end ?? Number.POSITIVE_INFINITY);
  const skipTo =
    rule.count === undefined && request.start !== undefined
      ? request.start - slack
      : Number.NEGATIVE_INFINITY;
  let produced = 1;
  for (const wall of generator.generate(rule, series.dtstart, { from: skipTo, horizon: bound + slack })) {
    if (wall === series.dtstart) continue; // DTSTART already counted
    const key = series.key(wall);
    if (until !== undefined && key > until) continue;
    yield { wall, key };
    if (++produced >= count) return;
  }
}

const byKey = (a: Point, b: Point): number => a.key - b.key || a.wall - b.wall;

/** Sorts and drops later points with an equal key (rule 6: duplicates collapse). */
function normalise(points: Point[]): Point[] {
  points.sort(byKey);
  return points.filter((p, i) => i === 0 || (points[i - 1] as Point).key !== p.key);
}

/**
 * Pulls rule instances inside the window and not excluded (rules 6, 7). With a limit it stops as
 * soon as no later wall time can still produce an instant among the first `limit`.
 */
function collect(series: Series, request: Request, instances: Iterable<Point>): Point[] {
  const { start, end, limit } = request;
  const slack = series.zone ? MAX_GAP : 0;
  let kept: Point[] = [];
  let settleKey: number | undefined;
  let work = 0;
  for (const p of instances) {
    if (++work > request.maxOccurrences * WORK_PER_OCCURRENCE) throw tooMany(request, 'rule instances');
    if (
      (start === undefined || p.key >= start) &&
      (end === undefined || p.key < end) &&
      !series.exdates.has(p.key)
    ) {
      kept.push(p);
      if (kept.length > request.maxOccurrences && limit === undefined) throw tooMany(request, 'occurrences');
    }
    if (limit === undefined) continue;
    if (settleKey === undefined && kept.length >= limit)
      settleKey = kept.reduce((max, k) => Math.max(max, k.key), Number.NEGATIVE_INFINITY);
    if (settleKey !== undefined && p.key >= settleKey + slack) {
      kept = normalise(kept);
      const settled = settleKey;
      if (kept.filter((k) => k.key <= settled).length >= limit) break;
      settleKey = undefined; // duplicates collapsed below the limit: keep pulling
    }
  }
  return kept;
}

function toOccurrence(series: Series, p: Point): Occurrence {
  if (!series.zone) {
    return {
      local: series.allDay ? formatLocalDate(p.wall) : formatLocalDateTime(p.wall),
      start: null,
      epochMs: null,
    };
  }
  // A timed occurrence shows the wall time actually on the clock (02:30 in a gap shows 03:30).
  const local = series.allDay ? formatLocalDate(p.wall) : formatLocalDateTime(series.zone.toWall(p.key));
  return { local, start: formatInstant(p.key), epochMs: p.key };
}

/** Expands with a given BYxxx engine; `expandRecurrence` uses Kalendaryo's own. */
export function expandWith(
  generator: WallClockGenerator,
  input: RecurrenceInput,
  options: ExpandOptions = {},
): Occurrence[] {
  const series = prepareSeries(input);
  const request = prepareRequest(options);
  const rule = series.rule;
  if (
    rule &&
    rule.count === undefined &&
    rule.until === undefined &&
    request.end === undefined &&
    request.limit === undefined
  ) {
    const message = 'the rule never ends (no COUNT or UNTIL): give a window end or a limit';
    throw new AppError('recurrence.unbounded', message, [{ field: 'window', message, code: 'unbounded' }]);
  }
  if (request.limit === 0) return [];
  const fromRule = collect(series, request, ruleInstances(series, request, generator));
  const inWindow = (p: Point) =>
    (request.start === undefined || p.key >= request.start) &&
    (request.end === undefined || p.key < request.end);
  // Rule 4: RDATEs ignore COUNT and UNTIL; rule 6: EXDATE removes them too.
  const extra = series.rdates.filter((p) => inWindow(p) && !series.exdates.has(p.key));
  let points = normalise([...fromRule, ...extra]);
  if (request.limit !== undefined) points = points.slice(0, request.limit);
  if (points.length > request.maxOccurrences) throw tooMany(request, 'occurrences');
  return points.map((p) => toOccurrence(series, p));
}

/**
 * Expands a series (RFC 5545 §3.8.5, §3.3.10) into ascending occurrences: (RRULE ∪ RDATE) − EXDATE,
 * within `window` (start <= occurrence < end) and the first `limit` of them.
 */
export function expandRecurrence(input: RecurrenceInput, options: ExpandOptions = {}): Occurrence[] {
  return expandWith(calendarGenerator, input, options);
}
