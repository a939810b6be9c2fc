/**
 * The recurrence builder's state and its mapping to the domain: the builder holds what the person
 * typed (numbers as text, one "Ends" choice, the last day as a date); `toFormRule` turns that into
 * the domain's `FormRule`, which `validateFormRule` checks (SCOPE.md §1) and `formatRRule` writes.
 * A series' rule is read back with `parseRRule`; what the builder cannot show stays `custom`.
 */
import {
  type ByDay,
  type FormRule,
  formatRRule,
  instantToLocal,
  localToInstant,
  MS_PER_DAY,
  parseLocalDate,
  parseRRule,
  type RRuleSpec,
  validateFormRule,
  WEEKDAYS,
  type Weekday,
  weekdayOfDays,
} from '@kalendaryo/domain';

export { WEEKDAYS as weekdays, type Weekday };

export const weekdayNames: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const positions = [
  { value: '1', label: 'First' },
  { value: '2', label: 'Second' },
  { value: '3', label: 'Third' },
  { value: '4', label: 'Fourth' },
  { value: '-1', label: 'Last' },
] as const;

const formFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = 'none' | (typeof formFrequencies)[number];
export type Ends = 'never' | 'count' | 'until';

/** What the builder holds; numbers stay strings while typed so errors can name them. */
export interface RuleForm {
  freq: Frequency;
  interval: string;
  byDay: Weekday[];
  /** Monthly and yearly: on a day of the month, or on the nth weekday. */
  mode: 'monthday' | 'weekday';
  monthDay: string;
  position: string;
  positionDay: Weekday;
  byMonth: number[];
  ends: Ends;
  count: string;
  /** The last day ('YYYY-MM-DD') on which an occurrence may start. */
  until: string;
  /** A rule read from a series that the builder cannot show; kept as it is unless replaced. */
  custom: string | null;
}

export type RuleErrors = Partial<
  Record<'interval' | 'byDay' | 'monthDay' | 'byMonth' | 'count' | 'until', string>
>;

function weekdayOfDate(date: string): Weekday {
  const wall = parseLocalDate(date);
  return wall === undefined ? 'MO' : (WEEKDAYS[weekdayOfDays(Math.floor(wall / MS_PER_DAY))] ?? 'MO');
}

/** A fresh builder for a series starting on `date`: the rule a person most likely wants next. */
export function defaultRuleForm(date: string): RuleForm {
  const day = Number(date.slice(8, 10)) || 1;
  return {
    freq: 'none',
    interval: '1',
    byDay: [weekdayOfDate(date)],
    mode: 'monthday',
    monthDay: String(day),
    position: day > 28 ? '-1' : String(Math.ceil(day / 7)),
    positionDay: weekdayOfDate(date),
    byMonth: [Number(date.slice(5, 7)) || 1],
    ends: 'never',
    count: '10',
    until: '',
    custom: null,
  };
}

/** A typed whole number; anything else becomes NaN, which the domain's checks refuse. */
const typedInteger = (v: string): number => (/^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN);

/** The builder as the domain's `FormRule`, its lists always present and typed for `formatRRule`. */
export interface BuiltRule extends FormRule {
  readonly interval: number;
  readonly byDay: readonly ByDay[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
  readonly count: number | null;
}

/** The domain's view of the builder (meaningless for 'none' and custom rules). */
export function toFormRule(form: RuleForm): BuiltRule {
  const byDay: ByDay[] = [];
  const byMonthDay: number[] = [];
  const monthly = form.freq === 'MONTHLY' || form.freq === 'YEARLY';
  if (form.freq === 'WEEKLY')
    byDay.push(...WEEKDAYS.filter((d) => form.byDay.includes(d)).map((day) => ({ day })));
  if (monthly && form.mode === 'weekday') byDay.push({ day: form.positionDay, n: Number(form.position) });
  if (monthly && form.mode === 'monthday' && form.monthDay.trim() !== '')
    byMonthDay.push(typedInteger(form.monthDay));
  return {
    freq: form.freq,
    interval: typedInteger(form.interval),
    byDay,
    byMonthDay,
    byMonth: form.freq === 'YEARLY' ? [...form.byMonth].sort((a, b) => a - b) : [],
    count: form.ends === 'count' ? typedInteger(form.count) : null,
    until: form.ends === 'until' ? form.until : null,
  };
}

/** Field errors of the builder (empty when the rule is fine); `startDate` is the first day. */
export function validateRuleForm(form: RuleForm, startDate: string): RuleErrors {
  const errors: RuleErrors = {};
  if (form.freq === 'none' || form.custom !== null) return errors;
  // What the domain cannot see: an empty box behind a choice that needs it.
  if (form.ends === 'until' && !form.until) errors.until = 'Pick the date of the last occurrence';
  if (form.freq === 'YEARLY' && form.mode === 'monthday' && form.monthDay.trim() === '')
    errors.monthDay = 'Pick a day of the month or a weekday such as the 2nd Monday';
  const field: Record<string, keyof RuleErrors> = { byMonthDay: 'monthDay' };
  for (const e of validateFormRule(toFormRule(form), startDate)) {
    const key = field[e.field] ?? (e.field as keyof RuleErrors);
    errors[key] ??= e.message;
  }
  return errors;
}

/**
 * The UNTIL value for a last day: RFC 5545 wants it in the form of DTSTART — a date for all-day
 * series, UTC for zoned times (the end of that local day), local for floating times.
 */
export function untilValue(lastDay: string, allDay: boolean, zone: string | null): string {
  if (allDay) return lastDay;
  const endOfDay = `${lastDay}T23:59:59`;
  return zone === null ? endOfDay : `${localToInstant(endOfDay, zone).slice(0, 19)}Z`;
}

/**
 * The RRULE value the builder describes, or null for "does not repeat"; null also while the
 * builder has errors (check `validateRuleForm` first).
 */
export function ruleToRRule(
  form: RuleForm,
  startDate: string,
  allDay: boolean,
  zone: string | null,
): string | null {
  if (form.freq === 'none') return null;
  if (form.custom !== null) return form.custom;
  if (Object.keys(validateRuleForm(form, startDate)).length) return null;
  const rule = toFormRule(form);
  const spec: RRuleSpec = {
    freq: form.freq,
    interval: rule.interval,
    wkst: 'MO',
    ...(rule.count !== null ? { count: rule.count } : {}),
    ...(form.ends === 'until' ? { until: untilValue(form.until, allDay, zone) } : {}),
    ...(rule.byDay.length ? { byDay: rule.byDay } : {}),
    ...(rule.byMonthDay.length ? { byMonthDay: rule.byMonthDay } : {}),
    ...(rule.byMonth.length ? { byMonth: rule.byMonth } : {}),
  };
  return formatRRule(spec);
}

/** The last day of an UNTIL ('YYYY-MM-DD[THH:mm:ss[Z]]'), read in `zone` when it is an instant. */
function untilDay(until: string, zone: string | null): string {
  if (!until.endsWith('Z') || zone === null) return until.slice(0, 10);
  return instantToLocal(until, zone).slice(0, 10);
}

const isFormFrequency = (f: string): f is (typeof formFrequencies)[number] =>
  (formFrequencies as readonly string[]).includes(f);
const positionOf = (d: ByDay): string | null =>
  positions.some((p) => p.value === String(d.n)) ? String(d.n) : null;

/**
 * The builder for an existing rule. Rules the builder cannot show faithfully (BYSETPOS,
 * BYWEEKNO, several month days, another WKST…) come back as `custom`, kept unchanged unless replaced.
 */
export function ruleFormFromRRule(rrule: string | null, startDate: string, zone: string | null): RuleForm {
  const form = defaultRuleForm(startDate);
  if (!rrule) return form;
  const text = rrule.replace(/^RRULE:/i, '');
  let spec: RRuleSpec;
  try {
    spec = parseRRule(text);
  } catch {
    return { ...form, freq: 'DAILY', custom: text };
  }
  const custom: RuleForm = { ...form, freq: isFormFrequency(spec.freq) ? spec.freq : 'DAILY', custom: text };
  if (!isFormFrequency(spec.freq) || spec.wkst !== 'MO') return custom;
  if (spec.bySecond || spec.byMinute || spec.byHour || spec.byYearDay || spec.byWeekNo || spec.bySetPos)
    return custom;
  const out: RuleForm = { ...form, freq: spec.freq, interval: String(spec.interval) };
  const byDay = spec.byDay ?? [];
  const byMonthDay = spec.byMonthDay ?? [];
  if (spec.byMonth) out.byMonth = [...spec.byMonth];
  if (spec.freq === 'WEEKLY') {
    if (byDay.some((d) => d.n !== undefined)) return custom;
    if (byDay.length) out.byDay = byDay.map((d) => d.day);
  } else if (spec.freq === 'MONTHLY' || spec.freq === 'YEARLY') {
    if (byMonthDay.length > 1 || byDay.length > 1 || (byMonthDay.length && byDay.length)) return custom;
    // Yearly on a day but in no month means every month: not what the builder would write.
    if (spec.freq === 'YEARLY' && !spec.byMonth && (byDay.length || byMonthDay.length)) return custom;
    const [nth] = byDay;
    if (nth) {
      const position = positionOf(nth);
      if (position === null) return custom;
      out.mode = 'weekday';
      out.position = position;
      out.positionDay = nth.day;
    } else if (byMonthDay.length) out.monthDay = String(byMonthDay[0]);
  } else if (byDay.length || byMonthDay.length || spec.byMonth) return custom;
  if (spec.count !== undefined) {
    out.ends = 'count';
    out.count = String(spec.count);
  } else if (spec.until !== undefined) {
    out.ends = 'until';
    out.until = untilDay(spec.until, zone);
  }
  return out;
}

/** "Weekly on Monday, Wednesday", for summaries. */
export function describeRule(form: RuleForm): string {
  if (form.freq === 'none') return 'Does not repeat';
  if (form.custom !== null) return `Custom rule (${form.custom})`;
  const n = Number(form.interval) || 1;
  const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[form.freq];
  let text = n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
  if (form.freq === 'WEEKLY')
    text += ` on ${WEEKDAYS.filter((d) => form.byDay.includes(d))
      .map((d) => weekdayNames[d])
      .join(', ')}`;
  if (form.freq === 'MONTHLY' || form.freq === 'YEARLY') {
    const pos = positions.find((p) => p.value === form.position)?.label.toLowerCase() ?? '';
    text +=
      form.mode === 'monthday'
        ? ` on day ${form.monthDay}`
        : ` on the ${pos} ${weekdayNames[form.positionDay]}`;
  }
  if (form.freq === 'YEARLY') text += ` of ${form.byMonth.map((m) => monthNames[m - 1]).join(', ')}`;
  if (form.ends === 'count') text += `, ${form.count} times`;
  if (form.ends === 'until') text += `, until ${form.until}`;
  return text;
}
