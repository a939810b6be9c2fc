/**
 * Parsing and validation of RRULE values (RFC 5545 §3.3.10). Every problem found is reported, each
 * naming the rule part at fault, in one `recurrence.invalid_rule` error.
 */
import type { FieldError } from '@kalendaryo/contract';
import { AppError } from '../errors';
import { wallFromFields } from '../time/wall-time';
import { type ByDay, FREQUENCIES, type Frequency, type RRuleSpec, WEEKDAYS, type Weekday } from './types';

type Draft = { -readonly [K in keyof RRuleSpec]?: RRuleSpec[K] };
type Report = (part: string, message: string) => void;
type PartParser = (value: string, draft: Draft, report: Report) => void;

const INTEGER = /^[+-]?\d+$/;
const UNSIGNED = /^\d+$/;
const UNTIL_FORM = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;
const BYDAY_FORM = /^([+-]?\d+)?([A-Z]+)$/;

function positiveInteger(part: string, value: string, report: Report): number | undefined {
  const n = Number(value);
  if (UNSIGNED.test(value) && Number.isSafeInteger(n) && n >= 1) return n;
  report(part, `${part} must be a positive integer (got '${value}')`);
  return undefined;
}

/** Parses a list of integers; `signed` ranges are ±min…max without 0 (RFC 5545 `ordmoday` and kin). */
function intList(part: string, value: string, min: number, max: number, signed: boolean, report: Report) {
  const out: number[] = [];
  const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
  for (const item of value.split(',')) {
    if (!(signed ? INTEGER : UNSIGNED).test(item)) {
      report(part, `${part}: '${item}' is not ${signed ? 'an' : 'an unsigned'} integer`);
      continue;
    }
    const n = Number(item);
    const magnitude = signed ? Math.abs(n) : n;
    if (magnitude < min || magnitude > max) report(part, `${part}: '${item}' is out of range (${range})`);
    else if (!out.includes(n)) out.push(n);
  }
  return out;
}

function weekday(value: string): Weekday | undefined {
  return (WEEKDAYS as readonly string[]).includes(value) ? (value as Weekday) : undefined;
}

function parseByDay(value: string, report: Report): ByDay[] {
  const out: ByDay[] = [];
  for (const item of value.split(',')) {
    const m = BYDAY_FORM.exec(item);
    const day = m ? weekday(m[2] ?? '') : undefined;
    if (!m || !day) {
      report(
        'BYDAY',
        `BYDAY: '${item}' is not a weekday (MO, TU, WE, TH, FR, SA, SU, optionally with an ordinal like 2MO or -1FR)`,
      );
      continue;
    }
    if (m[1] === undefined) {
      if (!out.some((d) => d.day === day && d.n === undefined)) out.push({ day });
      continue;
    }
    const n = Number(m[1]);
    if (n === 0 || Math.abs(n) > 53) {
      report('BYDAY', `BYDAY: '${item}' has an ordinal out of range (1 to 53 or -53 to -1)`);
    } else if (!out.some((d) => d.day === day && d.n === n)) out.push({ day, n });
  }
  return out;
}

function parseUntil(value: string, report: Report): string | undefined {
  const m = UNTIL_FORM.exec(value);
  const fields = m?.slice(1, 7).map((f) => (f === undefined ? 0 : Number(f))) ?? [];
  const wall = m
    ? wallFromFields(...(fields as [number, number, number, number, number, number]))
    : undefined;
  if (!m || wall === undefined) {
    report(
      'UNTIL',
      `UNTIL: '${value}' is not a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, optionally ending in Z)`,
    );
    return undefined;
  }
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] === undefined ? date : `${date}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}`;
}

const PARTS: Record<string, PartParser> = {
  FREQ: (v, d, report) => {
    if ((FREQUENCIES as readonly string[]).includes(v)) d.freq = v as Frequency;
    else report('FREQ', `FREQ: '${v}' is not a frequency (${FREQUENCIES.join(', ')})`);
  },
  INTERVAL: (v, d, report) => {
    d.interval = positiveInteger('INTERVAL', v, report);
  },
  COUNT: (v, d, report) => {
    d.count = positiveInteger('COUNT', v, report);
  },
  UNTIL: (v, d, report) => {
    d.until = parseUntil(v, report);
  },
  BYSECOND: (v, d, report) => {
    d.bySecond = intList('BYSECOND', v, 0, 60, false, report);
  },
  BYMINUTE: (v, d, report) => {
    d.byMinute = intList('BYMINUTE', v, 0, 59, false, report);
  },
  BYHOUR: (v, d, report) => {
    d.byHour = intList('BYHOUR', v, 0, 23, false, report);
  },
  BYDAY: (v, d, report) => {
    d.byDay = parseByDay(v, report);
  },
  BYMONTHDAY: (v, d, report) => {
    d.byMonthDay = intList('BYMONTHDAY', v, 1, 31, true, report);
  },
  BYYEARDAY: (v, d, report) => {
    d.byYearDay = intList('BYYEARDAY', v, 1, 366, true, report);
  },
  BYWEEKNO: (v, d, report) => {
    d.byWeekNo = intList('BYWEEKNO', v, 1, 53, true, report);
  },
  BYMONTH: (v, d, report) => {
    d.byMonth = intList('BYMONTH', v, 1, 12, false, report);
  },
  BYSETPOS: (v, d, report) => {
    d.bySetPos = intList('BYSETPOS', v, 1, 366, true, report);
  },
  WKST: (v, d, report) => {
    const day = weekday(v);
    if (day) d.wkst = day;
    else report('WKST', `WKST: '${v}' is not a weekday (MO, TU, WE, TH, FR, SA, SU)`);
  },
};

const UNSUPPORTED: Record<string, string> = {
  RSCALE: 'RSCALE: non-Gregorian calendars (RFC 7529) are not supported',
  SKIP: 'SKIP: RFC 7529 skipping is not supported',
};

/** The restrictions RFC 5545 §3.3.10 puts on combinations of rule parts. */
function checkCombinations(d: Draft, report: Report): void {
  if (d.count !== undefined && d.until !== undefined) report('COUNT', 'COUNT and UNTIL cannot both be given');
  const freq = d.freq;
  if (!freq) return;
  if (d.byWeekNo && freq !== 'YEARLY')
    report('BYWEEKNO', `BYWEEKNO is only allowed with FREQ=YEARLY, not ${freq}`);
  if (d.byYearDay && (freq === 'DAILY' || freq === 'WEEKLY' || freq === 'MONTHLY')) {
    report('BYYEARDAY', `BYYEARDAY is not allowed with FREQ=${freq}`);
  }
  if (d.byMonthDay && freq === 'WEEKLY') report('BYMONTHDAY', 'BYMONTHDAY is not allowed with FREQ=WEEKLY');
  const ordinal = d.byDay?.find((b) => b.n !== undefined);
  if (ordinal && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    report(
      'BYDAY',
      `BYDAY: ordinals such as '${ordinal.n}${ordinal.day}' need FREQ=MONTHLY or YEARLY, not ${freq}`,
    );
  } else if (ordinal && freq === 'YEARLY' && d.byWeekNo) {
    report('BYDAY', `BYDAY: ordinals such as '${ordinal.n}${ordinal.day}' cannot be combined with BYWEEKNO`);
  }
  const hasOtherBy = [
    d.bySecond,
    d.byMinute,
    d.byHour,
    d.byDay,
    d.byMonthDay,
    d.byYearDay,
    d.byWeekNo,
    d.byMonth,
  ].some((list) => list !== undefined);
  if (d.bySetPos && !hasOtherBy) report('BYSETPOS', 'BYSETPOS needs another BYxxx rule part to select from');
}

function finish(d: Draft & { freq: Frequency }): RRuleSpec {
  const spec: Draft = { freq: d.freq, interval: d.interval ?? 1 };
  if (d.count !== undefined) spec.count = d.count;
  if (d.until !== undefined) spec.until = d.until;
  for (const key of [
    'bySecond',
    'byMinute',
    'byHour',
    'byDay',
    'byMonthDay',
    'byYearDay',
    'byWeekNo',
    'byMonth',
    'bySetPos',
  ] as const) {
    if (d[key] !== undefined) (spec as Record<string, unknown>)[key] = d[key];
  }
  spec.wkst = d.wkst ?? 'MO';
  return spec as RRuleSpec;
}

/** Parses an RRULE value (optionally prefixed 'RRULE:'); throws `recurrence.invalid_rule` naming each wrong part. */
export function parseRRule(text: string): RRuleSpec {
  const problems: FieldError[] = [];
  const report: Report = (part, message) => problems.push({ field: 'rrule', message, code: part });
  const draft: Draft = {};
  const seen = new Set<string>();
  const body = text.trim().replace(/^RRULE:/i, '');
  for (const raw of body.split(';')) {
    if (raw.trim() === '') continue; // tolerate 'FREQ=DAILY;' as some exporters write it
    const eq = raw.indexOf('=');
    const name = (eq < 0 ? raw : raw.slice(0, eq)).trim().toUpperCase();
    const value =
      eq < 0
        ? ''
        : raw
            .slice(eq + 1)
            .trim()
            .toUpperCase();
    const parser = PARTS[name];
    if (!parser) report(name, UNSUPPORTED[name] ?? `'${name}' is not an RRULE part (RFC 5545 §3.3.10)`);
    else if (seen.has(name)) report(name, `${name} is given more than once`);
    else if (value === '') report(name, `${name} has no value`);
    else parser(value, draft, report);
    seen.add(name);
  }
  if (!seen.has('FREQ')) report('FREQ', 'FREQ is required');
  checkCombinations(draft, report);
  if (problems.length > 0 || !draft.freq) {
    throw new AppError('recurrence.invalid_rule', problems.map((p) => p.message).join('; '), problems);
  }
  return finish(draft as Draft & { freq: Frequency });
}
