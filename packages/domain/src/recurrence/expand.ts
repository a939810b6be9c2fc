/**
 * Expansion of a series into occurrences, with the semantics of ARCHITECTURE.md "Recurrence"
 * (rules 1–9, referenced below as "rule n"): the BYxxx engine runs in local wall-clock time, then
 * each wall time becomes an instant by RFC 5545's gap and overlap rules; COUNT, UNTIL, EXDATE,
 * RDATE, the window and the limit are applied here, on instants.
 */
import { AppError } from '../errors';
import { MS_PER_HOUR } from '../time/civil';
import { formatInstant, formatLocalDate, formatLocalDateTime } from '../time/wall-time';
import { BudgetExceeded, WorkBudget } from './budget';
import { calendarGenerator } from './calendar-generator';
import type { WallClockGenerator } from './generator';
import { type Point, prepareRequest, prepareSeries, type Request, type Series, untilKey } from './prepare';
import type { ExpandOptions, Expansion, Occurrence, RecurrenceInput } from './types';

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

/**
 * The wall time at `key`, widened (`side` -1: earlier, 1: later) so that every wall time whose key
 * lies beyond `key` on that side lies beyond it too: exact where the zone's offset is constant
 * around `key`, a day of slack otherwise.
 */
function wallAround(series: Series, key: number, side: -1 | 1): number {
  const { zone } = series;
  if (!zone || !Number.isFinite(key)) return key;
  return zone.fixedBetween(key - MAX_OFFSET, key + MAX_OFFSET)
    ? key + zone.offsetAt(key)
    : key + side * MAX_OFFSET;
}

/** Rule instances in wall-time order: DTSTART first (rule 3), COUNT before EXDATE (rule 4), UNTIL (rule 5). */
function* ruleInstances(
  series: Series,
  request: Request,
  generator: WallClockGenerator,
  budget: WorkBudget,
): Generator<Point> {
  const { rule } = series;
  const first = { wall: series.dtstart, key: series.key(series.dtstart) };
  const until = rule?.until === undefined ? undefined : untilKey(series, rule.until);
  if (until !== undefined && first.key > until) return;
  yield first;
  const count = rule?.count ?? Number.POSITIVE_INFINITY;
  if (!rule || count <= 1) return;
  const bound = Math.min(until ?? Number.POSITIVE_INFINITY, request.end ?? Number.POSITIVE_INFINITY);
  const skipTo =
    rule.count === undefined && request.start !== undefined
      ? wallAround(series, request.start, -1)
      : Number.NEGATIVE_INFINITY;
  let produced = 1;
  const range = { from: skipTo, horizon: wallAround(series, bound, 1), budget };
  for (const wall of generator.generate(rule, series.dtstart, range)) {
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

/** The rule instances kept, and the sort key up to which every instance was seen. */
interface Collected {
  readonly kept: Point[];
  /** Infinity when the expansion ran to its end; the last certain key when the budget ran out. */
  readonly reached: number;
}

/**
 * Pulls rule instances inside the window and not excluded (rules 6, 7). With a limit it stops as
 * soon as no later wall time can still produce an instant among the first `limit`. When the budget
 * runs out and the request says 'truncate', it keeps what is certain: instances whose key is not
 * above any key still to come (that of the last one pulled, less the slack of a DST gap; the
 * engine yields strictly ascending wall times).
 */
function collect(series: Series, request: Request, instances: Iterable<Point>): Collected {
  const { start, end, limit } = request;
  const { zone } = series;
  // Instants only go backwards across a transition: without one near `key`, no slack is needed.
  const slackAt = (key: number) => (zone && !zone.fixedBetween(key - MAX_GAP, key + MAX_GAP) ? MAX_GAP : 0);
  let slack = 0;
  let kept: Point[] = [];
  let settleKey: number | undefined;
  let work = 0;
  let last = Number.NEGATIVE_INFINITY;
  try {
    for (const p of instances) {
      last = p.key;
      if (++work > request.maxOccurrences * WORK_PER_OCCURRENCE) throw tooMany(request, 'rule instances');
      if (
        (start === undefined || p.key >= start) &&
        (end === undefined || p.key < end) &&
        !series.exdates.has(p.key)
      ) {
        kept.push(p);
        if (kept.length > request.maxOccurrences && limit === undefined)
          throw tooMany(request, 'occurrences');
      }
      if (limit === undefined) continue;
      if (settleKey === undefined && kept.length >= limit) {
        settleKey = kept.reduce((max, k) => Math.max(max, k.key), Number.NEGATIVE_INFINITY);
        slack = slackAt(settleKey);
      }
      if (settleKey !== undefined && p.key >= settleKey + slack) {
        kept = normalise(kept);
        const settled = settleKey;
        if (kept.filter((k) => k.key <= settled).length >= limit) break;
        settleKey = undefined; // duplicates collapsed below the limit: keep pulling
      }
    }
  } catch (e) {
    if (!(request.truncate && e instanceof BudgetExceeded)) throw e;
    const reached = last - slackAt(last);
    return { kept: kept.filter((p) => p.key <= reached), reached };
  }
  return { kept, reached: Number.POSITIVE_INFINITY };
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

/** Expands with a given BYxxx engine, and says what it cost; `expandSeries` uses Kalendaryo's own. */
export function expandSeriesWith(
  generator: WallClockGenerator,
  input: RecurrenceInput,
  options: ExpandOptions = {},
): Expansion {
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
  if (request.limit === 0) return { occurrences: [], truncated: false, candidates: 0 };
  const budget = new WorkBudget(request.maxCandidates, options.deadline);
  const { kept, reached } = collect(series, request, ruleInstances(series, request, generator, budget));
  const inWindow = (p: Point) =>
    (request.start === undefined || p.key >= request.start) &&
    (request.end === undefined || p.key < request.end) &&
    p.key <= reached;
  // Rule 4: RDATEs ignore COUNT and UNTIL; rule 6: EXDATE removes them too.
  const extra = series.rdates.filter((p) => inWindow(p) && !series.exdates.has(p.key));
  let points = normalise([...kept, ...extra]);
  if (request.limit !== undefined) points = points.slice(0, request.limit);
  if (points.length > request.maxOccurrences) throw tooMany(request, 'occurrences');
  return {
    occurrences: points.map((p) => toOccurrence(series, p)),
    truncated: reached !== Number.POSITIVE_INFINITY,
    candidates: budget.used,
  };
}

/** Expands with a given BYxxx engine; `expandRecurrence` uses Kalendaryo's own. */
export function expandWith(
  generator: WallClockGenerator,
  input: RecurrenceInput,
  options: ExpandOptions = {},
): Occurrence[] {
  return expandSeriesWith(generator, input, options).occurrences;
}

/**
 * Expands a series (RFC 5545 §3.8.5, §3.3.10) into ascending occurrences: (RRULE ∪ RDATE) − EXDATE,
 * within `window` (start <= occurrence < end) and the first `limit` of them.
 */
export function expandRecurrence(input: RecurrenceInput, options: ExpandOptions = {}): Occurrence[] {
  return expandWith(calendarGenerator, input, options);
}

/**
 * `expandRecurrence` within a budget of candidates (and optionally time), saying whether it was
 * cut short ('truncate') and how many candidates it examined.
 */
export function expandSeries(input: RecurrenceInput, options: ExpandOptions = {}): Expansion {
  return expandSeriesWith(calendarGenerator, input, options);
}
