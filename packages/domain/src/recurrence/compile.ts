/**
 * Turns an RRuleSpec into the checks the calendar generator runs: a predicate on days (BYMONTH,
 * BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY) and the times of day (BYHOUR, BYMINUTE, BYSECOND), with
 * the defaults RFC 5545 §3.3.10 takes from DTSTART ("the rule is synchronised with DTSTART").
 */
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  daysInYear,
  MS_PER_DAY,
  weekdayOfDays,
} from '../time/civil';
import type { WallMs } from '../time/wall-time';
import { type Frequency, type RRuleSpec, WEEKDAYS, type Weekday } from './types';

/** The rule in the shape the generator loops need. */
export interface CompiledRule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly wkst: number;
  /** Months the rule may produce in (sorted), or null for all. */
  readonly months: readonly number[] | null;
  /** True when a day (days since 1970-01-01) passes every day-level BYxxx part; null when all days do. */
  readonly dayMatches: ((days: number) => boolean) | null;
  /** Seconds of the day of each instance on a matching day (DAILY and coarser), sorted. */
  readonly times: readonly number[];
  /** Limits applied to the period start of HOURLY/MINUTELY/SECONDLY rules; null = no limit. */
  readonly hourLimit: ReadonlySet<number> | null;
  readonly minuteLimit: ReadonlySet<number> | null;
  readonly secondLimit: ReadonlySet<number> | null;
  /** Minutes and seconds expanded inside HOURLY (minutes, seconds) and MINUTELY (seconds) periods. */
  readonly minutes: readonly number[];
  readonly seconds: readonly number[];
  readonly bySetPos: readonly number[] | null;
}

const weekdayIndex = (day: Weekday): number => WEEKDAYS.indexOf(day);
const sortedUnique = (values: readonly number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

/**
 * Day number where week 1 of `year` starts: the first week, starting on WKST, with at least four
 * days in the year (RFC 5545 §3.3.10 BYWEEKNO; ISO 8601 when WKST=MO).
 */
export function firstWeekStart(year: number, wkst: number): number {
  const jan1 = daysFromCivil(year, 1, 1);
  const toWkst = (wkst - weekdayOfDays(jan1) + 7) % 7;
  return jan1 + (toWkst >= 4 ? toWkst - 7 : toWkst);
}

/** True when the day's week number (counted in its own week-year, forwards or backwards) is listed. */
function weekNoMatches(days: number, year: number, wkst: number, weekNos: ReadonlySet<number>): boolean {
  let weekYear = year;
  if (days < firstWeekStart(year, wkst)) weekYear = year - 1;
  else if (days >= firstWeekStart(year + 1, wkst)) weekYear = year + 1;
  const start = firstWeekStart(weekYear, wkst);
  const weekNo = Math.floor((days - start) / 7) + 1;
  const weeksInYear = (firstWeekStart(weekYear + 1, wkst) - start) / 7;
  return weekNos.has(weekNo) || weekNos.has(weekNo - weeksInYear - 1);
}

type DayCheck = (days: number, year: number, month: number, day: number) => boolean;

/**
 * BYDAY: plain weekdays match every such day; ordinals (MONTHLY, or YEARLY) count within the month
 * when FREQ=MONTHLY or BYMONTH is given, otherwise within the year. Plain and ordinal entries are
 * a union (BYDAY=MO,1FR is every Monday and the first Friday).
 */
function byDayCheck(rule: RRuleSpec, byDay: RRuleSpec['byDay'] & object): DayCheck {
  const ordinalsAllowed = rule.freq === 'MONTHLY' || rule.freq === 'YEARLY';
  const plain = new Set<number>();
  const nth: { wd: number; n: number }[] = [];
  for (const b of byDay) {
    if (b.n === undefined || !ordinalsAllowed) plain.add(weekdayIndex(b.day));
    else nth.push({ wd: weekdayIndex(b.day), n: b.n });
  }
  const withinMonth = rule.freq === 'MONTHLY' || rule.byMonth !== undefined;
  return (days, year, month) => {
    const wd = weekdayOfDays(days);
    if (plain.has(wd)) return true;
    for (const { wd: target, n } of nth) {
      if (target !== wd) continue;
      const first = withinMonth ? daysFromCivil(year, month, 1) : daysFromCivil(year, 1, 1);
      const last = first + (withinMonth ? daysInMonth(year, month) : daysInYear(year)) - 1;
      const position = n > 0 ? Math.floor((days - first) / 7) + 1 : -(Math.floor((last - days) / 7) + 1);
      if (position === n) return true;
    }
    return false;
  };
}

function signedCheck(values: readonly number[], length: (year: number, month: number) => number) {
  const set = new Set(values);
  return (ordinal: number, year: number, month: number) =>
    set.has(ordinal) || set.has(ordinal - length(year, month) - 1);
}

/** Builds the day predicate, or null when every day matches. */
function dayPredicate(rule: RRuleSpec, byDay: RRuleSpec['byDay'], byMonthDay: readonly number[] | undefined) {
  const checks: DayCheck[] = [];
  const wkst = weekdayIndex(rule.wkst);
  if (rule.byWeekNo) {
    const weekNos = new Set(rule.byWeekNo);
    checks.push((days, year) => weekNoMatches(days, year, wkst, weekNos));
  }
  if (rule.byYearDay) {
    const matches = signedCheck(rule.byYearDay, (year) => daysInYear(year));
    checks.push((days, year) => matches(days - daysFromCivil(year, 1, 1) + 1, year, 1));
  }
  if (byMonthDay) {
    const matches = signedCheck(byMonthDay, daysInMonth);
    checks.push((_days, year, month, day) => matches(day, year, month));
  }
  if (byDay) checks.push(byDayCheck(rule, byDay));
  const months = rule.byMonth ? new Set(rule.byMonth) : null;
  if (checks.length === 0 && !months) return null;
  return (days: number): boolean => {
    const { year, month, day } = civilFromDays(days);
    if (months && !months.has(month)) return false;
    for (const check of checks) if (!check(days, year, month, day)) return false;
    return true;
  };
}

/** Compiles a rule against its DTSTART (wall ms); DTSTART supplies the defaults of RFC 5545 §3.3.10. */
export function compileRule(rule: RRuleSpec, dtstart: WallMs): CompiledRule {
  const startDays = Math.floor(dtstart / MS_PER_DAY);
  const start = civilFromDays(startDays);
  const secondOfDay = Math.floor((dtstart - startDays * MS_PER_DAY) / 1000);
  const [h0, m0, s0] = [Math.floor(secondOfDay / 3600), Math.floor(secondOfDay / 60) % 60, secondOfDay % 60];
  let { byMonth, byMonthDay, byDay } = rule;
  if (!rule.byWeekNo && !rule.byYearDay && !byMonthDay && !byDay) {
    if (rule.freq === 'YEARLY') byMonth ??= [start.month];
    if (rule.freq === 'YEARLY' || rule.freq === 'MONTHLY') byMonthDay = [start.day];
    if (rule.freq === 'WEEKLY') byDay = [{ day: WEEKDAYS[weekdayOfDays(startDays)] as Weekday }];
  }
  const effective: RRuleSpec = { ...rule, byMonth };
  const coarse = rule.freq !== 'HOURLY' && rule.freq !== 'MINUTELY' && rule.freq !== 'SECONDLY';
  const hours = rule.byHour ?? (coarse ? [h0] : null);
  const minutes = rule.byMinute ?? (coarse || rule.freq === 'HOURLY' ? [m0] : null);
  // A leap second (BYSECOND=60, allowed by §3.3.10) never exists on a POSIX time line.
  const seconds = (rule.bySecond ?? (rule.freq === 'SECONDLY' ? null : [s0]))?.filter((s) => s < 60) ?? null;
  const times: number[] = [];
  if (coarse) {
    for (const h of hours ?? [])
      for (const m of minutes ?? []) for (const s of seconds ?? []) times.push(h * 3600 + m * 60 + s);
  }
  return {
    freq: rule.freq,
    interval: rule.interval,
    wkst: weekdayIndex(rule.wkst),
    months: byMonth ? sortedUnique(byMonth) : null,
    dayMatches: dayPredicate(effective, byDay, byMonthDay),
    times: sortedUnique(times),
    hourLimit: coarse || !hours ? null : new Set(hours),
    minuteLimit: coarse || rule.freq === 'HOURLY' || !minutes ? null : new Set(minutes),
    secondLimit: rule.freq === 'SECONDLY' && seconds ? new Set(seconds) : null,
    minutes: sortedUnique(minutes ?? []),
    seconds: sortedUnique(seconds ?? []),
    bySetPos: rule.bySetPos ?? null,
  };
}
