/**
 * The item form's rules for a recurrence (SCOPE.md §1): stricter than RFC 5545, in words a user
 * understands, returned as field errors for the form to show rather than thrown.
 */
import type { FieldError } from '@kalendaryo/contract';
import { parseInstant, parseLocalDate, parseLocalDateTime } from '../time/wall-time';
import { type ByDay, WEEKDAYS } from './types';

/** A rule as the item form builds it; anything may be missing or wrong while the user types. */
export interface FormRule {
  readonly freq?: string | null;
  readonly interval?: number | null;
  readonly byDay?: readonly (ByDay | string)[] | null;
  readonly byMonthDay?: readonly number[] | null;
  readonly byMonth?: readonly number[] | null;
  readonly count?: number | null;
  /** 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss' or a UTC instant ending in Z. */
  readonly until?: string | null;
}

const FORM_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
// A longer series is clearer with an end date; imports and the API take any COUNT.
const MAX_FORM_COUNT = 1000;
const isPositiveInteger = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
const present = <T>(list: readonly T[] | null | undefined): list is readonly T[] => !!list && list.length > 0;
const dayName = (d: ByDay | string): string => (typeof d === 'string' ? d.replace(/^[+-]?\d+/, '') : d.day);

function untilWall(until: string): number | undefined {
  return (
    parseLocalDate(until) ??
    parseLocalDateTime(until) ??
    (/Z$/i.test(until) ? parseInstant(until) : undefined)
  );
}

function checkLists(rule: FormRule, add: (field: string, code: string, message: string) => void): void {
  if (rule.byDay?.some((d) => !(WEEKDAYS as readonly string[]).includes(dayName(d)))) {
    add('byDay', 'invalid_weekday', 'Pick weekdays from Monday to Sunday');
  }
  if (rule.byMonthDay?.some((d) => !Number.isInteger(d) || d === 0 || Math.abs(d) > 31)) {
    add('byMonthDay', 'out_of_range', 'Days of the month go from 1 to 31 (or -1 for the last day)');
  }
  if (rule.byMonth?.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
    add('byMonth', 'out_of_range', 'Months go from 1 (January) to 12 (December)');
  }
}

/**
 * Checks a rule built in the item form: weekly needs weekdays, monthly a day of the month or a
 * weekday, yearly a month; COUNT and UNTIL exclude each other; INTERVAL ≥ 1; COUNT ≤ 1000. Returns
 * field errors (empty when the rule is fine); `dtstart` (local, as the form holds it) also checks
 * UNTIL is not before it.
 */
export function validateFormRule(rule: FormRule, dtstart?: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, message, code });
  const freq = rule.freq ?? '';
  if (!FORM_FREQUENCIES.includes(freq)) add('freq', 'required', 'Choose daily, weekly, monthly or yearly');
  if (rule.interval !== undefined && rule.interval !== null && !isPositiveInteger(rule.interval)) {
    add('interval', 'min', 'Repeat every 1 or more (a whole number)');
  }
  if (freq === 'WEEKLY' && !present(rule.byDay)) add('byDay', 'required', 'Pick at least one weekday');
  if (freq === 'MONTHLY' && !present(rule.byMonthDay) && !present(rule.byDay)) {
    add('byMonthDay', 'required', 'Pick a day of the month or a weekday such as the 2nd Monday');
  }
  if (freq === 'YEARLY' && !present(rule.byMonth)) add('byMonth', 'required', 'Pick at least one month');
  checkLists(rule, add);
  const hasCount = rule.count !== undefined && rule.count !== null;
  const hasUntil = rule.until !== undefined && rule.until !== null && rule.until !== '';
  if (hasCount && hasUntil)
    add('until', 'exclusive', 'End either after a number of times or on a date, not both');
  if (hasCount && !isPositiveInteger(rule.count))
    add('count', 'min', 'The number of times must be 1 or more');
  else if (hasCount && (rule.count as number) > MAX_FORM_COUNT)
    add('count', 'max', `Use at most ${MAX_FORM_COUNT} times, or end on a date`);
  if (hasUntil) {
    const until = untilWall(rule.until as string);
    const start =
      dtstart === undefined ? undefined : (parseLocalDateTime(dtstart) ?? parseLocalDate(dtstart));
    if (until === undefined) add('until', 'invalid_date', 'The end date is not a valid date');
    // A date-only end runs through that whole day (ARCHITECTURE.md rule 5), so compare by day then.
    else if (
      start !== undefined &&
      until + ((rule.until as string).length === 10 ? 86_400_000 : 1) <= start
    ) {
      add('until', 'before_start', 'The end date is before the first occurrence');
    }
  }
  return errors;
}
