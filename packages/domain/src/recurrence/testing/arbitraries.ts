/**
 * fast-check arbitraries for recurrence tests: valid rules (RFC 5545 §3.3.10 combinations) and
 * DTSTARTs. Test-only; nothing in the package imports this outside *.test.ts files.
 */
import fc from 'fast-check';
import { formatLocalDateTime, wallFromFields } from '../../time/wall-time';
import { type ByDay, type Frequency, type RRuleSpec, WEEKDAYS, type Weekday } from '../types';

/** What a generated rule may contain; the defaults avoid nothing. */
export interface RuleShape {
  /** Frequencies to draw from. */
  readonly freqs?: readonly Frequency[];
  /** Leave out BYDAY lists mixing plain weekdays and ordinals (dateutil/rrule intersect them). */
  readonly noMixedByDay?: boolean;
  /** Leave out BYWEEKNO ±52/±53 (dateutil/rrule miscount them around New Year). */
  readonly safeWeekNo?: boolean;
  /** Leave out WEEKLY rules with BYSETPOS (dateutil/rrule count the first week from DTSTART). */
  readonly noWeeklySetPos?: boolean;
  /** Sort BYHOUR/BYMINUTE (rrule emits a day's times in the order the rule lists them). */
  readonly sortedTimes?: boolean;
  /** No BYHOUR/BYMINUTE (rules for all-day series). */
  readonly dateOnly?: boolean;
  /** At most this many of BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY (fewer rules that never match). */
  readonly maxDayParts?: number;
}

const DAY_PARTS = ['byMonth', 'byWeekNo', 'byYearDay', 'byMonthDay', 'byDay'] as const;

const weekday = fc.constantFrom(...WEEKDAYS);
const signed = (max: number) => fc.integer({ min: 1, max }).chain((n) => fc.constantFrom(n, -n));
const list = <T>(arb: fc.Arbitrary<T>, maxLength: number) =>
  fc.uniqueArray(arb, { minLength: 1, maxLength, selector: (v) => JSON.stringify(v) });
const optional = <T>(arb: fc.Arbitrary<T>, freq = 0.5) =>
  fc.option(arb, { nil: undefined, freq: Math.round(1 / freq) });

function byDayArb(freq: Frequency, ordinals: boolean, mixed: boolean): fc.Arbitrary<ByDay[]> {
  const plain = weekday.map((day): ByDay => ({ day }));
  if (!ordinals) return list(plain, 3);
  const nth = fc.record({
    day: weekday,
    n: fc.constantFrom(1, 2, 3, 4, 5, -1, -2, freq === 'YEARLY' ? 20 : 3),
  });
  const entries = list(nth as fc.Arbitrary<ByDay>, 3);
  return mixed
    ? fc.oneof(list(plain, 3), entries, list(fc.oneof(plain, nth as fc.Arbitrary<ByDay>), 3))
    : fc.oneof(list(plain, 3), entries);
}

/** Arbitrary valid rule without COUNT/UNTIL (the expansion tests add those). */
export function ruleArb(shape: RuleShape = {}): fc.Arbitrary<RRuleSpec> {
  const max = shape.maxDayParts ?? DAY_PARTS.length;
  return anyRuleArb(shape).filter(
    (rule) => DAY_PARTS.filter((part) => rule[part] !== undefined).length <= max,
  );
}

function anyRuleArb(shape: RuleShape): fc.Arbitrary<RRuleSpec> {
  const freqs = shape.freqs ?? ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'];
  return fc.constantFrom(...freqs).chain((freq) => {
    const weekNos = shape.safeWeekNo ? fc.constantFrom(1, 2, 10, 20, 26, 51, -1, -2, -10) : signed(53);
    return fc
      .record({
        interval: fc.constantFrom(1, 1, 2, 3, freq === 'MINUTELY' ? 45 : 5),
        byMonth: optional(list(fc.integer({ min: 1, max: 12 }), 3), 0.3),
        byWeekNo: freq === 'YEARLY' ? optional(list(weekNos, 2), 0.2) : fc.constant(undefined),
        byYearDay: ['YEARLY', 'HOURLY', 'MINUTELY'].includes(freq)
          ? optional(list(signed(366), 3), 0.15)
          : fc.constant(undefined),
        byMonthDay: freq === 'WEEKLY' ? fc.constant(undefined) : optional(list(signed(31), 3), 0.3),
        byHour: shape.dateOnly
          ? fc.constant(undefined)
          : optional(list(fc.integer({ min: 0, max: 23 }), 3), 0.25),
        byMinute: shape.dateOnly
          ? fc.constant(undefined)
          : optional(list(fc.constantFrom(0, 15, 30, 45, 59), 2), 0.2),
        wkst: fc.constantFrom<Weekday>('MO', 'MO', 'SU', ...WEEKDAYS),
        setPos: optional(list(fc.constantFrom(1, 2, 3, -1, -2), 2), 0.3),
        dayChoice: fc.boolean(),
      })
      .chain((r) => {
        const ordinals = (freq === 'MONTHLY' || freq === 'YEARLY') && !r.byWeekNo;
        return optional(byDayArb(freq, ordinals, !shape.noMixedByDay), 0.5).map((byDay) => {
          const spec: Record<string, unknown> = { freq, interval: r.interval, wkst: r.wkst };
          for (const key of [
            'byMonth',
            'byWeekNo',
            'byYearDay',
            'byMonthDay',
            'byHour',
            'byMinute',
          ] as const) {
            const values = r[key];
            if (values === undefined) continue;
            const timed = key === 'byHour' || key === 'byMinute';
            spec[key] = shape.sortedTimes && timed ? [...values].sort((a, b) => a - b) : values;
          }
          if (byDay) spec.byDay = byDay;
          const hasBy = Object.keys(spec).some((k) => k.startsWith('by'));
          const weeklyBlocked = shape.noWeeklySetPos && freq === 'WEEKLY';
          if (r.setPos && hasBy && !weeklyBlocked) spec.bySetPos = r.setPos;
          return spec as unknown as RRuleSpec;
        });
      });
  });
}

/** Arbitrary DTSTART wall time between 1990 and 2040, on the hour or half hour most of the time. */
export const dtstartArb: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 1990, max: 2040 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 0, 30, 15, 59),
  })
  .map(({ year, month, day, hour, minute }) =>
    formatLocalDateTime(wallFromFields(year, month, day, hour, minute, 0) as number),
  );
