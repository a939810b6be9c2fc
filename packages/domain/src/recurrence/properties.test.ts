/** Invariants of the expansion, checked with fast-check on generated rules, zones and windows. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../time/wall-time';
import { expandRecurrence } from './expand';
import { formatRRule } from './format';
import { dtstartArb, ruleArb } from './testing/arbitraries';
import { type ByDay, type RRuleSpec, WEEKDAYS, type Weekday } from './types';

const DAY = 86_400_000;
const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', null] as const;

/** How far to expand a rule so that tests stay fast whatever its frequency. */
const spanOf = (rule: RRuleSpec): number =>
  ({ MINUTELY: 2 * DAY, HOURLY: 20 * DAY, DAILY: 400 * DAY })[rule.freq as string] ?? 3000 * DAY;

const signedHas = (list: readonly number[], value: number, length: number) =>
  list.includes(value) || list.includes(value - length - 1);

/** Day-level checks written against Temporal's calendar, independently of the engine. */
function dayOk(rule: RRuleSpec, start: Temporal.PlainDateTime, d: Temporal.PlainDateTime): boolean {
  const noDayParts = !rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byDay;
  const byMonth = rule.byMonth ?? (noDayParts && rule.freq === 'YEARLY' ? [start.month] : undefined);
  const byMonthDay =
    rule.byMonthDay ?? (noDayParts && ['YEARLY', 'MONTHLY'].includes(rule.freq) ? [start.day] : undefined);
  const byDay: readonly ByDay[] | undefined =
    rule.byDay ??
    (noDayParts && rule.freq === 'WEEKLY' ? [{ day: WEEKDAYS[start.dayOfWeek - 1] as Weekday }] : undefined);
  if (byMonth && !byMonth.includes(d.month)) return false;
  if (byMonthDay && !signedHas(byMonthDay, d.day, d.daysInMonth)) return false;
  if (rule.byYearDay && !signedHas(rule.byYearDay, d.dayOfYear, d.daysInYear)) return false;
  if (rule.byWeekNo && rule.wkst === 'MO') {
    const weeks = Temporal.PlainDate.from({ year: d.yearOfWeek as number, month: 12, day: 28 })
      .weekOfYear as number;
    if (!signedHas(rule.byWeekNo, d.weekOfYear as number, weeks)) return false;
  }
  if (!byDay) return true;
  const inMonth = rule.freq === 'MONTHLY' || rule.byMonth !== undefined;
  return byDay.some((b) => {
    if (WEEKDAYS.indexOf(b.day) !== d.dayOfWeek - 1) return false;
    if (b.n === undefined || !['MONTHLY', 'YEARLY'].includes(rule.freq)) return true;
    const index = inMonth ? d.day : d.dayOfYear;
    const length = inMonth ? d.daysInMonth : d.daysInYear;
    return b.n > 0 ? Math.ceil(index / 7) === b.n : Math.ceil((length - index + 1) / 7) === -b.n;
  });
}

/** INTERVAL: the occurrence lies in a period k·INTERVAL periods after DTSTART's (RFC 5545 §3.3.10). */
function intervalOk(rule: RRuleSpec, start: Temporal.PlainDateTime, d: Temporal.PlainDateTime): boolean {
  const wkst = WEEKDAYS.indexOf(rule.wkst) + 1;
  const weekStart = (x: Temporal.PlainDateTime) =>
    x.toPlainDate().subtract({ days: (x.dayOfWeek - wkst + 7) % 7 });
  const periods: Record<string, () => number> = {
    YEARLY: () => d.year - start.year,
    MONTHLY: () => (d.year - start.year) * 12 + d.month - start.month,
    WEEKLY: () => weekStart(start).until(weekStart(d)).days / 7,
    DAILY: () => start.toPlainDate().until(d.toPlainDate()).days,
    HOURLY: () =>
      Math.round(
        start.round({ smallestUnit: 'hour', roundingMode: 'floor' }).until(d, { largestUnit: 'hour' }).hours,
      ),
    MINUTELY: () => start.until(d, { largestUnit: 'minute' }).minutes,
  };
  return (periods[rule.freq] as () => number)() % rule.interval === 0;
}

function timeOk(rule: RRuleSpec, start: Temporal.PlainDateTime, d: Temporal.PlainDateTime): boolean {
  const coarse = !['HOURLY', 'MINUTELY'].includes(rule.freq);
  const hours = rule.byHour ?? (coarse ? [start.hour] : undefined);
  const minutes = rule.byMinute ?? (rule.freq !== 'MINUTELY' ? [start.minute] : undefined);
  return (
    (!hours || hours.includes(d.hour)) &&
    (!minutes || minutes.includes(d.minute)) &&
    d.second === start.second
  );
}

describe('properties', () => {
  it('every occurrence after DTSTART satisfies every part of the rule (floating)', () => {
    fc.assert(
      fc.property(ruleArb(), dtstartArb, (rule, dtstart) => {
        const start = Temporal.PlainDateTime.from(dtstart);
        const got = expandRecurrence({ dtstart, tzid: null, rrule: formatRRule(rule) }, { limit: 60 });
        expect(got[0]?.local).toBe(dtstart);
        for (const o of got.slice(1)) {
          const d = Temporal.PlainDateTime.from(o.local);
          const ok =
            Temporal.PlainDateTime.compare(d, start) > 0 && dayOk(rule, start, d) && timeOk(rule, start, d);
          if (!ok || !intervalOk(rule, start, d))
            expect(`${o.local} from ${formatRRule(rule)}`).toBe('a match');
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  }, 60_000);

  it('expanding a window equals filtering a longer expansion, in DST zones too', () => {
    const windowed = fc.record({
      rule: ruleArb(),
      dtstart: dtstartArb,
      zone: fc.constantFrom(...ZONES),
      count: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      from: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(windowed, ({ rule, dtstart, zone, count, from, length }) => {
        const rrule = formatRRule(count === undefined ? rule : { ...rule, count });
        const start = Date.parse(`${dtstart}Z`) - 2 * DAY;
        const span = spanOf(rule);
        const input = { dtstart, tzid: zone, rrule };
        const all = expandRecurrence(input, {
          window: { start: formatInstant(start), end: formatInstant(start + span) },
        });
        const a = start + Math.floor(from * span);
        const b = a + Math.floor(length * (start + span - a));
        const part = expandRecurrence(input, { window: { start: formatInstant(a), end: formatInstant(b) } });
        const key = (o: (typeof all)[number]) => o.epochMs ?? Date.parse(`${o.local}Z`);
        expect(part).toEqual(all.filter((o) => key(o) >= a && key(o) < b));
      }),
      { numRuns: 300, seed: 12 },
    );
  }, 60_000);

  it('a limit is a prefix; results are strictly ascending; EXDATEs are gone and in-range RDATEs present', () => {
    const limited = fc.record({
      rule: ruleArb(),
      dtstart: dtstartArb,
      zone: fc.constantFrom(...ZONES),
      limit: fc.integer({ min: 0, max: 40 }),
      pick: fc.array(fc.nat(60), { maxLength: 4 }),
      extra: fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(limited, ({ rule, dtstart, zone, limit, pick, extra }) => {
        const rrule = formatRRule(rule);
        const plain = expandRecurrence({ dtstart, tzid: zone, rrule }, { limit: 60 });
        const exdates = pick.map((i) => plain[i]?.local).filter((l): l is string => l !== undefined);
        const rdates = extra.map((h) => Temporal.PlainDateTime.from(dtstart).add({ hours: h }).toString());
        const input = { dtstart, tzid: zone, rrule, exdates, rdates };
        const longer = expandRecurrence(input, { limit: limit + 20 });
        const got = expandRecurrence(input, { limit });
        expect(got).toEqual(longer.slice(0, limit));
        const keys = longer.map((o) => o.epochMs ?? Date.parse(`${o.local}Z`));
        expect(keys.every((k, i) => i === 0 || k > (keys[i - 1] as number))).toBe(true);
        const excluded = new Set(exdates.map((l) => plain.find((o) => o.local === l)?.start ?? l));
        expect(longer.filter((o) => excluded.has(o.start ?? o.local))).toEqual([]);
      }),
      { numRuns: 300, seed: 13 },
    );
  }, 60_000);
});
