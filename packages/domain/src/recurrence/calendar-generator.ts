/**
 * Kalendaryo's own BYxxx engine (the default `WallClockGenerator`). It follows RFC 5545 §3.3.10:
 * each FREQ×INTERVAL period (year, month, week starting on WKST, day, hour, minute, second) is
 * expanded and limited by the BYxxx parts, BYSETPOS then picks from the period's sorted set.
 *
 * Why not rrule 2.8.1 (or python-dateutil, which it ports)? Both take the intersection of plain and
 * ordinal BYDAY (BYDAY=MO,1FR yields nothing), miscount BYWEEKNO 52/53 for days before week 1,
 * start the first WEEKLY period at DTSTART instead of WKST (so BYSETPOS counts from DTSTART), and
 * iterate up to year 9999 before giving up on a rule that never matches (6 s for
 * FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30). Everything else agrees with them (see the generator tests).
 */
import { civilFromDays, daysFromCivil, daysInMonth, MS_PER_DAY, weekdayOfDays } from '../time/civil';
import type { WallMs } from '../time/wall-time';
import { WorkBudget } from './budget';
import { type CompiledRule, compileRule } from './compile';
import type { GeneratorRange, WallClockGenerator } from './generator';
import type { RRuleSpec } from './types';

const LAST_DAY = daysFromCivil(9999, 12, 31);
const DAYS_IN_CYCLE = 146_097;
// The Gregorian calendar repeats every 400 years = 4,800 months = 20,871 weeks = 146,097 days, so a
// rule whose periods yield nothing for a whole cycle never yields anything again.
const CYCLE_IN_UNITS: Record<string, number> = {
  YEARLY: 400,
  MONTHLY: 4800,
  WEEKLY: 20_871,
  DAILY: 146_097,
  HOURLY: 146_097 * 24,
  MINUTELY: 146_097 * 1440,
  SECONDLY: 146_097 * 86_400,
};
const UNIT_SECONDS: Record<string, number> = { HOURLY: 3600, MINUTELY: 60, SECONDLY: 1 };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How many consecutive empty periods prove that a rule is empty for good. */
function cyclePeriods(c: CompiledRule): number {
  const units = CYCLE_IN_UNITS[c.freq] as number;
  return units / gcd(c.interval % units, units);
}

/** RFC 5545 §3.3.10 BYSETPOS: the n-th (or n-th from last) members of one period's sorted set. */
function selectPositions(set: readonly number[], positions: readonly number[]): number[] {
  const picked = new Set<number>();
  for (const p of positions) {
    const value = set[p > 0 ? p - 1 : set.length + p];
    if (value !== undefined) picked.add(value);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * The next day worth looking at after `days`: the next day, or, when BYMONTH rules out the month of
 * `days`, the first day of the next month it allows.
 */
function nextUsefulDay(c: CompiledRule, days: number): number {
  if (!c.months) return days + 1;
  const { year, month } = civilFromDays(days);
  if (c.months.includes(month)) return days + 1;
  const next = c.months.find((m) => m > month);
  return next === undefined
    ? daysFromCivil(year + 1, c.months[0] as number, 1)
    : daysFromCivil(year, next, 1);
}

/** True when BYMONTH rules out every day of a DAILY or WEEKLY period (YEARLY/MONTHLY check per month). */
function outsideMonths(c: CompiledRule, span: DaySpan): boolean {
  if (!c.months || c.freq === 'YEARLY' || c.freq === 'MONTHLY') return false;
  const first = civilFromDays(span.first).month;
  const last = civilFromDays(span.end - 1).month;
  return !c.months.includes(first) && !c.months.includes(last);
}

interface DaySpan {
  readonly first: number;
  readonly end: number;
}

/** Days of the k-th period of a DAILY-or-coarser rule, or undefined past year 9999. */
function periodSpan(c: CompiledRule, origin: number, k: number): DaySpan | undefined {
  const step = k * c.interval;
  let first: number;
  let end: number;
  if (c.freq === 'YEARLY' || c.freq === 'MONTHLY') {
    const monthIndex = c.freq === 'YEARLY' ? (origin + step) * 12 : origin + step;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    if (year > 9999) return undefined;
    first = daysFromCivil(year, month, 1);
    end = c.freq === 'YEARLY' ? daysFromCivil(year + 1, 1, 1) : first + daysInMonth(year, month);
  } else {
    first = origin + (c.freq === 'WEEKLY' ? 7 * step : step);
    end = first + (c.freq === 'WEEKLY' ? 7 : 1);
  }
  return first > LAST_DAY ? undefined : { first, end };
}

/** Origin of the period grid: the year, the month index, the WKST week start or the day of DTSTART. */
function periodOrigin(c: CompiledRule, startDays: number): number {
  const { year, month } = civilFromDays(startDays);
  if (c.freq === 'YEARLY') return year;
  if (c.freq === 'MONTHLY') return year * 12 + month - 1;
  if (c.freq === 'WEEKLY') return startDays - ((weekdayOfDays(startDays) - c.wkst + 7) % 7);
  return startDays;
}

/** Index of the first period that can reach `from` (0 when nothing can be skipped). */
function firstPeriod(c: CompiledRule, origin: number, startDays: number, from: WallMs): number {
  const fromDays = Math.floor(from / MS_PER_DAY);
  if (fromDays <= startDays) return 0;
  const at = periodOrigin(c, fromDays);
  const unit = c.freq === 'WEEKLY' ? 7 * c.interval : c.interval;
  return Math.max(0, Math.floor((at - origin) / unit));
}

/**
 * Candidate wall times of one DAILY-or-coarser period, sorted. Each day checked costs one
 * candidate of the budget, each matching day one more per time of day, spent before it is built.
 */
function periodSet(c: CompiledRule, span: DaySpan, budget: WorkBudget): number[] {
  const out: number[] = [];
  const perDay = c.times.length;
  for (let days = span.first; days < span.end; days++) {
    budget.spend(1);
    if (c.months && (c.freq === 'YEARLY' || c.freq === 'MONTHLY')) {
      const { year, month, day } = civilFromDays(days);
      if (!c.months.includes(month)) {
        days += daysInMonth(year, month) - day; // skip the rest of an unwanted month
        continue;
      }
    }
    if (c.dayMatches && !c.dayMatches(days)) continue;
    budget.spend(perDay);
    for (const t of c.times) out.push(days * MS_PER_DAY + t * 1000);
  }
  return out;
}

function* dayPeriods(
  c: CompiledRule,
  dtstart: WallMs,
  range: GeneratorRange,
  budget: WorkBudget,
): Generator<WallMs> {
  if (!setPosReachable(c)) return;
  const startDays = Math.floor(dtstart / MS_PER_DAY);
  const origin = periodOrigin(c, startDays);
  const cycle = cyclePeriods(c);
  let k = firstPeriod(c, origin, startDays, range.from);
  let lastProductive = k;
  for (; k - lastProductive <= cycle; k++) {
    const span = periodSpan(c, origin, k);
    if (!span || span.first * MS_PER_DAY > range.horizon) return;
    budget.spend(1);
    if (outsideMonths(c, span)) {
      // The first period that ends after the next useful day (the loop's k++ then lands on it).
      const [length, stride] = c.freq === 'WEEKLY' ? [7, 7 * c.interval] : [1, c.interval];
      k = Math.max(k, Math.floor((nextUsefulDay(c, span.end - 1) - length - span.first) / stride) + k);
      continue;
    }
    const all = periodSet(c, span, budget);
    const set = c.bySetPos ? selectPositions(all, c.bySetPos) : all;
    if (set.length > 0) lastProductive = k;
    for (const wall of set) if (wall >= dtstart && wall <= range.horizon) yield wall;
  }
}

/** False when no time of day on the rule's lattice passes BYHOUR/BYMINUTE/BYSECOND (the rule is empty). */
function timeReachable(c: CompiledRule, unit: number, firstUnit: number): boolean {
  const perDay = 86_400 / unit;
  const step = gcd(c.interval % perDay, perDay) || perDay;
  for (let r = ((firstUnit % step) + step) % step; r < perDay; r += step) {
    const tod = r * unit;
    if (c.hourLimit && !c.hourLimit.has(Math.floor(tod / 3600))) continue;
    if (c.minuteLimit && !c.minuteLimit.has(Math.floor(tod / 60) % 60)) continue;
    if (c.secondLimit && !c.secondLimit.has(tod % 60)) continue;
    return c.freq === 'SECONDLY' || c.seconds.length > 0;
  }
  return false;
}

/** Candidate wall times (in seconds) of one HOURLY/MINUTELY/SECONDLY period starting at `startSec`. */
function subDailySet(c: CompiledRule, startSec: number): number[] {
  if (c.freq === 'SECONDLY') return [startSec];
  if (c.freq === 'MINUTELY') return c.seconds.map((s) => startSec + s);
  const out: number[] = [];
  for (const m of c.minutes) for (const s of c.seconds) out.push(startSec + m * 60 + s);
  return out;
}

/**
 * Why a period whose day passes cannot produce anything, as the unit index of the next period worth
 * trying, or undefined when the period passes every limit.
 */
function timeSkip(c: CompiledRule, unit: number, startSec: number, days: number): number | undefined {
  const tod = startSec - days * 86_400;
  const hourStart = startSec - (tod % 3600);
  if (c.hourLimit && !c.hourLimit.has(Math.floor(tod / 3600))) return (hourStart + 3600) / unit;
  if (c.minuteLimit && !c.minuteLimit.has(Math.floor(tod / 60) % 60))
    return (startSec - (tod % 60) + 60) / unit;
  if (c.secondLimit && !c.secondLimit.has(tod % 60)) return startSec + 1;
  return undefined;
}

/** False when BYSETPOS can pick nothing from a period's set, whose size is fixed (DAILY and finer). */
function setPosReachable(c: CompiledRule): boolean {
  const sizes: Record<string, number> = {
    DAILY: c.times.length,
    HOURLY: c.minutes.length * c.seconds.length,
    MINUTELY: c.seconds.length,
    SECONDLY: 1,
  };
  const size = sizes[c.freq];
  return !c.bySetPos || size === undefined || c.bySetPos.some((p) => Math.abs(p) <= size);
}

function* subDailyPeriods(
  c: CompiledRule,
  dtstart: WallMs,
  range: GeneratorRange,
  budget: WorkBudget,
): Generator<WallMs> {
  const unit = UNIT_SECONDS[c.freq] as number;
  const firstUnit = Math.floor(dtstart / 1000 / unit);
  if (!timeReachable(c, unit, firstUnit) || !setPosReachable(c)) return;
  // When the lattice visits every day, 400 years without a matching day prove there never is one.
  const visitsEveryDay = c.interval * unit <= 86_400;
  let lastGoodDay = Math.floor((firstUnit * unit) / 86_400);
  const cycle = cyclePeriods(c);
  const fromUnit = Math.floor(range.from / 1000 / unit);
  let k = fromUnit > firstUnit ? Math.floor((fromUnit - firstUnit) / c.interval) : 0;
  let lastProductive = k;
  const jump = (targetUnit: number) => Math.max(k + 1, Math.ceil((targetUnit - firstUnit) / c.interval));
  while (k - lastProductive <= cycle) {
    const startSec = (firstUnit + k * c.interval) * unit;
    const days = Math.floor(startSec / 86_400);
    if (startSec * 1000 > range.horizon || days > LAST_DAY) return;
    budget.spend(1);
    if (c.dayMatches && !c.dayMatches(days)) {
      if (visitsEveryDay && days - lastGoodDay > DAYS_IN_CYCLE) return;
      k = jump((nextUsefulDay(c, days) * 86_400) / unit);
      continue;
    }
    lastGoodDay = days;
    const target = timeSkip(c, unit, startSec, days);
    if (target !== undefined) {
      k = jump(target);
      continue;
    }
    const all = subDailySet(c, startSec); // at most 3,600 starts (HOURLY: minutes × seconds)
    budget.spend(all.length);
    const set = c.bySetPos ? selectPositions(all, c.bySetPos) : all;
    if (set.length > 0) lastProductive = k;
    for (const sec of set) {
      const wall = sec * 1000;
      if (wall >= dtstart && wall <= range.horizon) yield wall;
    }
    k++;
  }
}

/**
 * Yields a rule's wall times with Kalendaryo's own engine, spending `range.budget` (a default
 * budget when none is given) on every day, period and candidate start it builds or checks.
 */
function* generate(rule: RRuleSpec, dtstart: WallMs, range: GeneratorRange): Generator<WallMs> {
  const compiled = compileRule(rule, dtstart);
  const budget = range.budget ?? new WorkBudget();
  if (compiled.freq in UNIT_SECONDS) yield* subDailyPeriods(compiled, dtstart, range, budget);
  else yield* dayPeriods(compiled, dtstart, range, budget);
}

/** The default BYxxx engine: RFC 5545 §3.3.10 periods in wall-clock time, always terminating. */
export const calendarGenerator: WallClockGenerator = { generate };
