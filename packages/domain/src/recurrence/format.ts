/** Writing RRULE values (RFC 5545 §3.3.10), the inverse of `parseRRule`. */
import type { ByDay, RRuleSpec } from './types';

const formatByDay = (b: ByDay): string => `${b.n ?? ''}${b.day}`;

/** 'YYYY-MM-DD' → 'YYYYMMDD'; 'YYYY-MM-DDTHH:mm:ss[Z]' → 'YYYYMMDDTHHMMSS[Z]'. */
const formatUntil = (until: string): string => until.replace(/[-:]/g, '');

/** Formats a rule as an RRULE value (without the 'RRULE:' prefix), parts in a fixed order. */
export function formatRRule(spec: RRuleSpec): string {
  const parts = [`FREQ=${spec.freq}`];
  if (spec.interval !== 1) parts.push(`INTERVAL=${spec.interval}`);
  if (spec.count !== undefined) parts.push(`COUNT=${spec.count}`);
  if (spec.until !== undefined) parts.push(`UNTIL=${formatUntil(spec.until)}`);
  const lists: [string, readonly (number | string)[] | undefined][] = [
    ['BYMONTH', spec.byMonth],
    ['BYWEEKNO', spec.byWeekNo],
    ['BYYEARDAY', spec.byYearDay],
    ['BYMONTHDAY', spec.byMonthDay],
    ['BYDAY', spec.byDay?.map(formatByDay)],
    ['BYHOUR', spec.byHour],
    ['BYMINUTE', spec.byMinute],
    ['BYSECOND', spec.bySecond],
    ['BYSETPOS', spec.bySetPos],
  ];
  for (const [name, list] of lists) {
    if (list && list.length > 0) parts.push(`${name}=${list.join(',')}`);
  }
  if (spec.wkst !== 'MO') parts.push(`WKST=${spec.wkst}`);
  return parts.join(';');
}
