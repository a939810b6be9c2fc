/**
 * Fuzzing the RRULE parser, the limits and the expansion with fast-check: random rule strings and
 * random structured rules (huge BYxxx lists, SECONDLY, BYSETPOS) must never throw anything but an
 * AppError with a recurrence.* code, and never examine more candidates than the budget allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { expandSeries } from './expand';
import { formatRRule } from './format';
import { checkRecurrenceLimits } from './limits';
import { parseRRule } from './parse';
import { dtstartArb, ruleArb } from './testing/arbitraries';
import { FREQUENCIES, type RRuleSpec, WEEKDAYS } from './types';

const NAMES = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
] as const;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const numberText = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -400, max: 400 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '+1', '-0', '007', '1.5', '', 'x', '99999999999999999999') },
);
/** A list of numbers: random, or a whole range like the freezing rule's. */
const listText = fc.oneof(
  fc.array(numberText, { minLength: 1, maxLength: 12 }).map((a) => a.join(',')),
  fc
    .tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 370 }))
    .map(([from, n]) => range(from, from + n).join(',')),
);
const dayText = fc
  .array(
    fc.tuple(
      fc.option(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -60, max: 60 })), {
        nil: undefined,
        freq: 2,
      }),
      fc.constantFrom(...WEEKDAYS, ...WEEKDAYS, 'XX', 'mo', ''),
    ),
    { minLength: 1, maxLength: 9 },
  )
  .map((days) => days.map(([n, d]) => `${n ?? ''}${d}`).join(','));
const untilText = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 1900, max: 2100 }),
      m: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      time: fc.option(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.boolean()), { nil: undefined }),
    })
    .map(({ y, m, d, time }) => {
      const date = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
      return time ? `${date}T${String(time[0]).padStart(2, '0')}3000${time[1] ? 'Z' : ''}` : date;
    }),
  fc.string({ maxLength: 16 }),
);
const valueFor: Record<(typeof NAMES)[number], fc.Arbitrary<string>> = {
  FREQ: fc.constantFrom(...FREQUENCIES, 'FORTNIGHTLY', ''),
  INTERVAL: numberText,
  COUNT: numberText,
  UNTIL: untilText,
  BYSECOND: listText,
  BYMINUTE: listText,
  BYHOUR: listText,
  BYDAY: dayText,
  BYMONTHDAY: listText,
  BYYEARDAY: listText,
  BYWEEKNO: listText,
  BYMONTH: listText,
  BYSETPOS: listText,
  WKST: fc.constantFrom(...WEEKDAYS, 'XX'),
};
const part = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...NAMES).chain((n) => valueFor[n].map((v) => `${n}=${v}`)) },
  { weight: 1, arbitrary: fc.constantFrom('RSCALE=GREGORIAN', 'X-FOO=1', 'FREQ', '=', ';;', 'SKIP=OMIT') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
/** In-range values of each part: a list of some values, or every value of the range. */
const inRange = (min: number, max: number, signed = false) =>
  fc.oneof(
    fc
      .uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 6 })
      .map((a) => a.map((n) => (signed && n % 3 === 0 ? -n : n)).join(',')),
    fc.constant(range(min, max).join(',')),
  );
const validFor: Record<Exclude<(typeof NAMES)[number], 'FREQ'>, fc.Arbitrary<string>> = {
  INTERVAL: fc.integer({ min: 1, max: 5 }).map(String),
  COUNT: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000_000 })).map(String),
  UNTIL: untilText,
  BYSECOND: inRange(0, 60),
  BYMINUTE: inRange(0, 59),
  BYHOUR: inRange(0, 23),
  BYDAY: dayText,
  BYMONTHDAY: inRange(1, 31, true),
  BYYEARDAY: inRange(1, 366, true),
  BYWEEKNO: inRange(1, 53, true),
  BYMONTH: inRange(1, 12),
  BYSETPOS: fc.oneof(inRange(1, 10, true), fc.constantFrom('-1', '1,-1', '366')),
  WKST: fc.constantFrom(...WEEKDAYS),
};
const OTHER_NAMES = NAMES.filter((n) => n !== 'FREQ');
const wellFormed = fc
  .tuple(
    fc.constantFrom(...FREQUENCIES),
    fc
      .shuffledSubarray(OTHER_NAMES, { maxLength: 5 })
      .chain((names) => fc.tuple(...names.map((n) => validFor[n].map((v) => `${n}=${v}`)))),
  )
  .map(([freq, parts]) => [`FREQ=${freq}`, ...parts].join(';'));

/** Random rule text: mostly well-formed parts in range, sometimes anything at all. */
const ruleText = fc.oneof(
  { weight: 4, arbitrary: wellFormed },
  {
    weight: 2,
    arbitrary: fc
      .tuple(valueFor.FREQ, fc.array(part, { maxLength: 5 }))
      .map(([freq, parts]) => [`FREQ=${freq}`, ...parts].join(';')),
  },
  { weight: 1, arbitrary: fc.array(part, { maxLength: 8 }).map((parts) => parts.join(';')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

/** Valid rules made heavy: SECONDLY, long time lists, every day part full, BYSETPOS from the end. */
const heavyRule = fc
  .record({
    rule: ruleArb(),
    freq: fc.option(fc.constantFrom(...FREQUENCIES), { nil: undefined, freq: 3 }),
    hours: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
    minutes: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    seconds: fc.option(fc.integer({ min: 1, max: 61 }), { nil: undefined }),
    monthDays: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined, freq: 3 }),
    setPos: fc.option(fc.constantFrom([-1], [1], [1, -1], [366]), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: undefined, freq: 3 }),
  })
  .map(({ rule, freq, hours, minutes, seconds, monthDays, setPos, count }) => {
    const f = freq ?? rule.freq;
    const spec: Record<string, unknown> = { ...rule, freq: f };
    if (hours) spec.byHour = range(0, hours - 1);
    if (minutes) spec.byMinute = range(0, minutes - 1);
    if (seconds) spec.bySecond = range(0, seconds - 1);
    if (monthDays && f !== 'WEEKLY') spec.byMonthDay = range(1, monthDays);
    if (setPos) spec.bySetPos = setPos;
    if (count) spec.count = count;
    return formatRRule(spec as unknown as RRuleSpec);
  });

const zone = fc.constantFrom('Asia/Manila', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', null);
const request = fc.record({
  from: fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.UTC(2050, 0, 1) }),
  days: fc.integer({ min: 1, max: 800 }),
  windowed: fc.boolean(),
  limit: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  maxCandidates: fc.integer({ min: 1, max: 60_000 }),
  truncate: fc.boolean(),
});

type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

/** Runs `work`; any throw must be an AppError with a recurrence.* code. */
function onlyRecurrenceErrors<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch (e) {
    if (!isAppError(e) || !e.code.startsWith('recurrence.')) throw e;
    return undefined;
  }
}

function exercise(rrule: string, dtstart: string, tzid: string | null, r: Request) {
  const input = { dtstart, tzid, rrule };
  onlyRecurrenceErrors(() => parseRRule(rrule));
  onlyRecurrenceErrors(() => checkRecurrenceLimits(input));
  const window = r.windowed
    ? { start: new Date(r.from).toISOString(), end: new Date(r.from + r.days * 86_400_000).toISOString() }
    : undefined;
  const got = onlyRecurrenceErrors(() =>
    expandSeries(input, {
      ...(window ? { window } : {}),
      ...(r.limit === undefined ? {} : { limit: r.limit }),
      maxCandidates: r.maxCandidates,
      onBudget: r.truncate ? 'truncate' : 'throw',
    }),
  );
  if (!got) return;
  expect(got.candidates).toBeLessThanOrEqual(r.maxCandidates);
  if (!r.truncate) expect(got.truncated).toBe(false);
  if (r.limit !== undefined) expect(got.occurrences.length).toBeLessThanOrEqual(r.limit);
}

describe('fuzzing the parser, the limits and the expansion', () => {
  it('random rule text: only recurrence.* errors, never more candidates than the budget', () => {
    fc.assert(
      fc.property(ruleText, dtstartArb, zone, request, (rrule, dtstart, tzid, r) =>
        exercise(rrule, dtstart, tzid, r),
      ),
      { numRuns: 1500, seed: 21 },
    );
  }, 60_000);

  it('heavy structured rules: only recurrence.* errors, never more candidates than the budget', () => {
    fc.assert(
      fc.property(heavyRule, dtstartArb, zone, request, (rrule, dtstart, tzid, r) =>
        exercise(rrule, dtstart, tzid, r),
      ),
      { numRuns: 400, seed: 22 },
    );
  }, 60_000);
});
