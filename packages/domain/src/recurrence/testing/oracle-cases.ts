/**
 * The cases the python-dateutil oracle checks: the RFC 5545 examples, BYxxx grids, BYSETPOS and
 * BYWEEKNO, Feb 29 and the 31st, DST gaps and repeated hours in six zones, EXDATE/RDATE, long
 * horizons and all-day series. Deterministic (seeded). Rules where dateutil itself departs from
 * RFC 5545 (mixed plain/ordinal BYDAY, BYWEEKNO ±52/±53, WEEKLY BYSETPOS) are left to the hand-
 * checked tests in calendar-generator.test.ts.
 */
import fc from 'fast-check';
import { formatRRule } from '../format';
import { type ExpandOptions, type RecurrenceInput, type RRuleSpec, WEEKDAYS } from '../types';
import { dtstartArb, ruleArb } from './arbitraries';

/** One oracle case: a series and an expansion request, as JSON for both sides. */
export interface OracleCase extends RecurrenceInput {
  readonly group: string;
  readonly window?: { readonly start: string; readonly end: string };
  readonly limit?: number;
}

/** Zones with DST gaps and repeated hours (Lord Howe: 30 min; Santiago and Havana: at midnight). */
export const DST_ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
] as const;

const ORACLE_SAFE = { noMixedByDay: true, safeWeekNo: true, noWeeklySetPos: true, maxDayParts: 2 };

/** dateutil 2.8 crashes (IndexError) on YEARLY ordinals past a BYMONTH month, e.g. BYMONTH=12;BYDAY=20MO. */
const dateutilSafe = (r: RRuleSpec) =>
  !(r.freq === 'YEARLY' && r.byMonth && r.byDay?.some((b) => Math.abs(b.n ?? 0) > 5));
/**
 * dateutil iterates to year 9999 on a rule that never matches, so the grids leave out the usual
 * ways of writing one: BYSETPOS on the one-instance periods of DAILY and finer rules, and BYYEARDAY
 * with BYMONTHDAY. Kalendaryo's own termination on such rules is tested in calendar-generator.test.ts.
 */
const likelyMatches = (r: RRuleSpec) =>
  !(r.bySetPos && ['DAILY', 'HOURLY', 'MINUTELY'].includes(r.freq)) && !(r.byYearDay && r.byMonthDay);
const safeRules = (shape: Parameters<typeof ruleArb>[0] = {}) =>
  ruleArb({ ...ORACLE_SAFE, ...shape }).filter((r) => dateutilSafe(r) && likelyMatches(r));
const zoneArb = fc.constantFrom<string | null>(...DST_ZONES, 'Asia/Manila', null);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sample = <T>(arb: fc.Arbitrary<T>, numRuns: number, seed: number) => fc.sample(arb, { numRuns, seed });

/** A window from just before DTSTART, long enough for the rule's frequency. */
function windowFor(rule: RRuleSpec, dtstart: string, scale = 1) {
  const days =
    ({ MINUTELY: 3, HOURLY: 30, DAILY: 500, WEEKLY: 1500 } as Record<string, number>)[rule.freq] ?? 3000;
  const start = Date.parse(`${dtstart}Z`) - 2 * DAY;
  return { start: iso(start), end: iso(start + days * scale * DAY) };
}

function grid(count: number, seed: number, group: string, rules = safeRules()): OracleCase[] {
  const arb = fc.record({
    rule: rules,
    dtstart: dtstartArb,
    tzid: zoneArb,
    counted: fc.boolean(),
    n: fc.integer({ min: 1, max: 60 }),
  });
  return sample(arb, count, seed).map(({ rule, dtstart, tzid, counted, n }) => ({
    group,
    dtstart,
    tzid,
    rrule: formatRRule(counted ? { ...rule, count: n } : rule),
    window: windowFor(rule, dtstart),
  }));
}

/** Feb 29 and the 31st: rules that must skip the dates short months and common years lack. */
function shortMonths(): OracleCase[] {
  const rules = [
    'FREQ=YEARLY',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;BYMONTHDAY=29,30,31',
    'FREQ=MONTHLY;BYMONTHDAY=-1,31',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31',
    'FREQ=YEARLY;BYYEARDAY=60,366',
    'FREQ=MONTHLY;BYDAY=5FR,-5MO',
  ];
  const starts = ['2024-02-29T09:00:00', '2023-01-31T18:30:00', '2020-03-31T07:00:00', '2000-02-29T23:00:00'];
  return rules.flatMap((rrule, i) =>
    starts.map((dtstart, j) => ({
      group: 'Feb 29 and the 31st',
      dtstart,
      tzid: [...DST_ZONES, null][(i + j) % 7] ?? null,
      rrule,
      window: {
        start: iso(Date.parse(`${dtstart}Z`) - DAY),
        end: iso(Date.parse(`${dtstart}Z`) + 4000 * DAY),
      },
    })),
  );
}

/** DST: wall times around the transitions of six zones, daily to minutely. */
function dst(): OracleCase[] {
  const transitions: Record<string, string[]> = {
    'America/New_York': ['2024-03-09', '2024-11-02', '2007-03-10'],
    'Europe/Berlin': ['2024-03-30', '2024-10-26', '1996-10-26'],
    'Australia/Sydney': ['2024-10-05', '2024-04-06', '2008-04-05'],
    'Australia/Lord_Howe': ['2024-10-05', '2024-04-06'],
    'America/Santiago': ['2024-09-07', '2024-04-06'],
    'America/Havana': ['2024-03-09', '2024-11-02'],
  };
  const rules = [
    'FREQ=DAILY;COUNT=4',
    'FREQ=WEEKLY;COUNT=3;BYDAY=SA,SU',
    'FREQ=HOURLY;COUNT=6',
    'FREQ=HOURLY;INTERVAL=2;COUNT=5',
    'FREQ=MINUTELY;INTERVAL=30;COUNT=8',
    'FREQ=MINUTELY;INTERVAL=45;COUNT=7',
    'FREQ=MINUTELY;INTERVAL=25;BYHOUR=0,1,2,3,4;COUNT=12',
  ];
  const times = ['T23:30:00', 'T00:00:00', 'T00:30:00', 'T01:30:00', 'T02:30:00'];
  const out: OracleCase[] = [];
  let i = 0;
  for (const [tzid, days] of Object.entries(transitions)) {
    for (const day of days) {
      for (const time of times)
        out.push({ group: 'DST', dtstart: `${day}${time}`, tzid, rrule: rules[i++ % rules.length] });
    }
  }
  return out;
}

/** EXDATE and RDATE: exact-instant matches, near misses, RDATEs in gaps and after COUNT. */
function exRdates(count: number, seed: number): OracleCase[] {
  const arb = fc.record({
    tzid: fc.constantFrom<string | null>(...DST_ZONES, null),
    day: fc.integer({ min: 0, max: 400 }),
    rule: fc.constantFrom(
      'FREQ=DAILY;COUNT=10',
      'FREQ=WEEKLY;BYDAY=MO,FR;COUNT=8',
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=MONTHLY;BYDAY=2TU',
    ),
    ex: fc.array(
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('T02:30:00', 'T09:00:00', 'T10:00:00')),
      { maxLength: 4 },
    ),
    rd: fc.array(
      fc.tuple(fc.integer({ min: -3, max: 60 }), fc.constantFrom('T02:30:00', 'T09:00:00', 'T01:30:00')),
      { maxLength: 4 },
    ),
    limit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  });
  const date = (base: number, offset: number) => iso(base + offset * DAY).slice(0, 10);
  return sample(arb, count, seed).map(({ tzid, day, rule, ex, rd, limit }) => {
    const base = Date.UTC(2024, 0, 1) + day * DAY;
    return {
      group: 'EXDATE/RDATE',
      dtstart: `${date(base, 0)}T09:00:00`,
      tzid,
      rrule: rule,
      exdates: ex.map(([d, t]) => `${date(base, d)}${t}`),
      rdates: rd.map(([d, t]) => `${date(base, d)}${t}`),
      window: { start: iso(base - 10 * DAY), end: iso(base + 200 * DAY) },
      ...(limit === undefined ? {} : { limit }),
    };
  });
}

/** Long horizons: windows decades after DTSTART, and all-day series. */
function longAndAllDay(count: number, seed: number): OracleCase[] {
  const long = sample(
    fc.record({
      rule: safeRules({ freqs: ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] }),
      dtstart: dtstartArb,
      tzid: zoneArb,
      years: fc.integer({ min: 20, max: 80 }),
    }),
    count,
    seed,
  ).map(({ rule, dtstart, tzid, years }) => {
    const start = Date.parse(`${dtstart}Z`) + years * 365 * DAY;
    return {
      group: 'long horizon',
      dtstart,
      tzid,
      rrule: formatRRule(rule),
      window: { start: iso(start), end: iso(start + 400 * DAY) },
    };
  });
  const allDayRules = safeRules({ freqs: ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'], dateOnly: true });
  const allDay = sample(
    fc.record({
      rule: allDayRules,
      dtstart: dtstartArb,
      tzid: fc.constantFrom<string | null>(null, 'America/Santiago', 'Asia/Manila'),
    }),
    count,
    seed + 1,
  ).map(({ rule, dtstart, tzid }) => ({
    group: 'all-day',
    dtstart: dtstart.slice(0, 10),
    tzid,
    rrule: formatRRule(rule),
    window: windowFor(rule, dtstart),
  }));
  return [...long, ...allDay];
}

/** Every oracle case, the RFC 5545 examples (from the .ics fixture) first. */
export function oracleCases(rfcExamples: readonly OracleCase[]): OracleCase[] {
  const setPosWeekNo = safeRules({ freqs: ['YEARLY', 'MONTHLY'] }).filter(
    (r) => !!(r.bySetPos || r.byWeekNo),
  );
  return [
    ...rfcExamples,
    ...grid(150, 101, 'BYxxx grid'),
    ...grid(50, 102, 'BYSETPOS/BYWEEKNO', setPosWeekNo),
    ...shortMonths(),
    ...dst(),
    ...exRdates(40, 103),
    ...longAndAllDay(25, 104),
  ];
}

const weekday = fc.constantFrom(...WEEKDAYS);
const month = fc.integer({ min: 1, max: 12 });
/** Rules people write: every n days, weekdays, a day of the month, the n-th weekday, yearly dates. */
const everydayRule: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((i) => `FREQ=DAILY;INTERVAL=${i}`),
  fc
    .tuple(fc.uniqueArray(weekday, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 2 }))
    .map(([days, i]) => `FREQ=WEEKLY;INTERVAL=${i};BYDAY=${days.join(',')}`),
  fc.integer({ min: 1, max: 31 }).map((d) => `FREQ=MONTHLY;BYMONTHDAY=${d}`),
  fc.tuple(fc.constantFrom(1, 2, 3, 4, -1), weekday).map(([n, d]) => `FREQ=MONTHLY;BYDAY=${n}${d}`),
  fc.constantFrom('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'FREQ=MONTHLY;BYMONTHDAY=-1'),
  fc
    .tuple(month, fc.integer({ min: 1, max: 28 }))
    .map(([m, d]) => `FREQ=YEARLY;BYMONTH=${m};BYMONTHDAY=${d}`),
  fc
    .tuple(month, fc.constantFrom(1, 2, 3, 4, -1), weekday)
    .map(([m, n, d]) => `FREQ=YEARLY;BYMONTH=${m};BYDAY=${n}${d}`),
);

/** 1,000 distinct everyday rules, each expanded over one year, for the speed comparison. */
export function benchmarkCases(): (RecurrenceInput & ExpandOptions)[] {
  const arb = fc.record({
    rrule: everydayRule,
    dtstart: dtstartArb,
    tzid: zoneArb,
    count: fc.option(fc.integer({ min: 5, max: 200 }), { nil: undefined }),
  });
  return sample(arb, 1000, 105).map(({ rrule, dtstart, tzid, count }) => {
    const start = Date.parse(`${dtstart}Z`);
    const rule = count === undefined ? rrule : `${rrule};COUNT=${count}`;
    return { dtstart, tzid, rrule: rule, window: { start: iso(start), end: iso(start + 365 * DAY) } };
  });
}
