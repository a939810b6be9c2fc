/**
 * rrule 2.8.1 behind the `WallClockGenerator` seam, in floating mode only: its Date objects are
 * read as UTC-encoded wall times and its `tzid` option is never used (ARCHITECTURE.md "Recurrence").
 *
 * Kept as the reference the tests cross-check Kalendaryo's own engine against, not as the default:
 * rrule (a port of python-dateutil) intersects plain and ordinal BYDAY, miscounts BYWEEKNO 52/53
 * and -52/-53 around New Year, counts WEEKLY BYSETPOS from DTSTART instead of WKST, and on a rule
 * that never matches it iterates up to year 9999 even with an UNTIL (seconds for a DAILY rule).
 */
import { type Options, RRule, Weekday as RRuleWeekday } from 'rrule';
import type { WallMs } from '../time/wall-time';
import type { GeneratorRange, WallClockGenerator } from './generator';
import { type RRuleSpec, WEEKDAYS } from './types';

const FREQ: Record<RRuleSpec['freq'], number> = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
  HOURLY: RRule.HOURLY,
  MINUTELY: RRule.MINUTELY,
  SECONDLY: RRule.SECONDLY,
};

// Wall times before 9999-12-31; rrule gives up there too.
const LAST_WALL = Date.UTC(9999, 11, 31, 23, 59, 59);
const CHUNK_MS = 400 * 86_400_000;

function toOptions(rule: RRuleSpec, dtstart: WallMs): Partial<Options> {
  return {
    freq: FREQ[rule.freq],
    interval: rule.interval,
    wkst: WEEKDAYS.indexOf(rule.wkst),
    dtstart: new Date(dtstart),
    bymonth: rule.byMonth ? [...rule.byMonth] : null,
    byweekno: rule.byWeekNo ? [...rule.byWeekNo] : null,
    byyearday: rule.byYearDay ? [...rule.byYearDay] : null,
    bymonthday: rule.byMonthDay ? [...rule.byMonthDay] : null,
    byweekday: rule.byDay ? rule.byDay.map((b) => new RRuleWeekday(WEEKDAYS.indexOf(b.day), b.n)) : null,
    byhour: rule.byHour ? [...rule.byHour] : null,
    byminute: rule.byMinute ? [...rule.byMinute] : null,
    bysecond: rule.bySecond ? [...rule.bySecond] : null,
    bysetpos: rule.bySetPos ? [...rule.bySetPos] : null,
  };
}

/** rrule walks every period from DTSTART on each query, so the range is fetched in growing chunks. */
function* generate(rule: RRuleSpec, dtstart: WallMs, range: GeneratorRange): Generator<WallMs> {
  const rrule = new RRule(toOptions(rule, dtstart));
  const horizon = Math.min(range.horizon, LAST_WALL);
  let low = Math.max(dtstart, range.from);
  for (let span = CHUNK_MS; low <= horizon; span *= 2) {
    const high = Math.min(low + span, horizon);
    for (const date of rrule.between(new Date(low), new Date(high), true)) {
      if (date.getTime() >= dtstart) yield date.getTime();
    }
    low = high + 1;
  }
}

/** rrule 2.8.1 as a floating BYxxx engine (reference only; see the module comment). */
export const rruleGenerator: WallClockGenerator = { generate };
