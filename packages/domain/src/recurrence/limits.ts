/**
 * What Kalendaryo accepts as a new series, beyond RFC 5545: rules whose expansion stays cheap.
 * Stored series are still expanded whatever they hold (within a budget, see budget.ts); these
 * checks keep new ones from needing it.
 */
import { AppError } from '../errors';
import { MS_PER_DAY } from '../time/civil';
import { parseLocalDate, parseLocalDateTime } from '../time/wall-time';
import { prepareSeries } from './prepare';
import type { RecurrenceInput, RRuleSpec } from './types';

/** Most candidate starts one FREQ period may hold (BYxxx lists multiply; a year of days × times). */
export const MAX_PERIOD_CANDIDATES = 10_000;
/** Most instances (COUNT) and periods to UNTIL of an HOURLY or MINUTELY rule. */
export const MAX_SUB_DAILY_PERIODS = 10_000;

const PERIOD_NAMES: Record<RRuleSpec['freq'], string> = {
  YEARLY: 'year',
  MONTHLY: 'month',
  WEEKLY: 'week',
  DAILY: 'day',
  HOURLY: 'hour',
  MINUTELY: 'minute',
  SECONDLY: 'second',
};
const UNIT_MS: Partial<Record<RRuleSpec['freq'], number>> = { HOURLY: 3_600_000, MINUTELY: 60_000 };

function tooComplex(part: string, message: string): AppError {
  return new AppError('recurrence.too_complex', message, [{ field: 'rrule', message, code: part }]);
}

/** How many of one period's days can match (an upper bound: the day-level BYxxx parts intersect). */
function daysPerPeriod(rule: RRuleSpec): number {
  const { byMonth, byWeekNo, byYearDay, byMonthDay, byDay } = rule;
  const plain = byDay?.filter((d) => d.n === undefined).length ?? 0;
  const ordinals = (byDay?.length ?? 0) - plain;
  const noDayParts = !byWeekNo && !byYearDay && !byMonthDay && !byDay;
  switch (rule.freq) {
    case 'YEARLY': {
      const months = byMonth?.length ?? 12;
      // Without day parts the rule takes DTSTART's day of the month (RFC 5545 §3.3.10).
      if (noDayParts) return byMonth ? months : 1;
      const bounds = [366, 31 * months];
      if (byYearDay) bounds.push(byYearDay.length);
      if (byMonthDay) bounds.push(byMonthDay.length * months);
      if (byWeekNo) bounds.push(7 * byWeekNo.length);
      if (byDay) bounds.push(byMonth ? (5 * plain + ordinals) * months : 53 * plain + ordinals);
      return Math.min(...bounds);
    }
    case 'MONTHLY': {
      if (noDayParts) return 1;
      const bounds = [31];
      if (byMonthDay) bounds.push(byMonthDay.length);
      if (byDay) bounds.push(5 * plain + ordinals);
      return Math.min(...bounds);
    }
    case 'WEEKLY':
      return byDay ? Math.min(7, plain) : 1;
    default:
      return 1;
  }
}

/** Starts on one matching day (DAILY and coarser) or in one period (finer): the time lists multiply. */
function startsPerDay(rule: RRuleSpec): number {
  const hours = rule.byHour?.length ?? 1;
  const minutes = rule.byMinute?.length ?? 1;
  const seconds = rule.bySecond?.length ?? 1;
  if (rule.freq === 'SECONDLY') return 1;
  if (rule.freq === 'MINUTELY') return seconds;
  if (rule.freq === 'HOURLY') return minutes * seconds;
  return hours * minutes * seconds;
}

/** The most candidate starts one FREQ period of the rule can hold. */
export function periodCandidates(rule: RRuleSpec): number {
  return daysPerPeriod(rule) * startsPerDay(rule);
}

/** The BYxxx part with the longest list, to name in an error. */
function longestList(rule: RRuleSpec): string {
  const lists: [string, readonly unknown[] | undefined][] = [
    ['BYSECOND', rule.bySecond],
    ['BYMINUTE', rule.byMinute],
    ['BYHOUR', rule.byHour],
    ['BYDAY', rule.byDay],
    ['BYMONTHDAY', rule.byMonthDay],
    ['BYYEARDAY', rule.byYearDay],
    ['BYWEEKNO', rule.byWeekNo],
    ['BYMONTH', rule.byMonth],
  ];
  let best = ['FREQ', 0] as [string, number];
  for (const [part, list] of lists) if ((list?.length ?? 0) > best[1]) best = [part, list?.length ?? 0];
  return best[0];
}

/** Refuses what repeats too often: SECONDLY, and HOURLY/MINUTELY without a near end. */
function checkFrequency(rule: RRuleSpec, dtstart: number): void {
  if (rule.freq === 'SECONDLY') {
    throw tooComplex(
      'FREQ',
      'FREQ=SECONDLY is not supported: a series repeats at most every minute (use MINUTELY, with BYSECOND if needed)',
    );
  }
  const unit = UNIT_MS[rule.freq];
  if (unit === undefined) return;
  const limit = MAX_SUB_DAILY_PERIODS.toLocaleString('en');
  const ends = `FREQ=${rule.freq} needs COUNT (at most ${limit}) or an UNTIL at most ${limit} periods of INTERVAL × 1 ${PERIOD_NAMES[rule.freq]} after DTSTART`;
  if (rule.count !== undefined) {
    if (rule.count > MAX_SUB_DAILY_PERIODS) throw tooComplex('COUNT', `${ends} (COUNT is ${rule.count})`);
    return;
  }
  if (rule.until === undefined) throw tooComplex('FREQ', `${ends}; this rule never ends`);
  // Read as wall time whatever its form: a day of offset does not matter to this bound.
  const until =
    rule.until.length === 10
      ? (parseLocalDate(rule.until) as number) + MS_PER_DAY
      : (parseLocalDateTime(rule.until.slice(0, 19)) as number);
  const periods = (until - dtstart) / (unit * rule.interval);
  if (periods > MAX_SUB_DAILY_PERIODS) throw tooComplex('UNTIL', `${ends} (UNTIL is further)`);
}

/**
 * Checks that a new series is valid and cheap to expand: throws the errors of `prepareSeries`, or
 * `recurrence.too_complex` for SECONDLY, HOURLY/MINUTELY without a near COUNT or UNTIL, and rules
 * whose periods hold more than MAX_PERIOD_CANDIDATES candidate starts.
 */
export function checkRecurrenceLimits(input: RecurrenceInput): void {
  const series = prepareSeries(input);
  const rule = series.rule;
  if (!rule) return;
  checkFrequency(rule, series.dtstart);
  const candidates = periodCandidates(rule);
  if (candidates > MAX_PERIOD_CANDIDATES) {
    throw tooComplex(
      longestList(rule),
      `the rule can produce up to ${candidates.toLocaleString('en')} candidate starts in one ${PERIOD_NAMES[rule.freq]} (the BYxxx lists multiply); at most ${MAX_PERIOD_CANDIDATES.toLocaleString('en')} are allowed`,
    );
  }
}
