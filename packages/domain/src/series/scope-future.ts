/**
 * "This and future" changes: the series is split in two at an occurrence. RFC 5545 would express
 * this with RANGE=THISANDFUTURE (§3.2.13), which few clients honour; two series, the old one
 * ending before the occurrence, are what every client understands.
 */
import { formatInstant } from '../time/wall-time';
import { expandSchedule } from './expand';
import type { SeriesException, SeriesPart, SeriesTimes } from './types';
import { addLocalDays, localToEpochMs, shiftLocalTime, wallSecondsBetween } from './wall';

/** Replaces or removes one part (COUNT, UNTIL…) of an RRULE value, keeping the rest as written. */
function withRulePart(rrule: string, part: string, value: string | null): string {
  const parts = rrule.split(';').filter((p) => p && !p.toUpperCase().startsWith(`${part}=`));
  if (value !== null) parts.push(`${part}=${value}`);
  return parts.join(';');
}

const rulePart = (rrule: string, part: string): string | undefined =>
  rrule
    .split(';')
    .find((p) => p.toUpperCase().startsWith(`${part}=`))
    ?.slice(part.length + 1);

/** The last instant the recurrence engine accepts (9999-12-31T23:59:59.999Z). */
const LAST_MS = 253_402_300_799_999;

const icsDate = (local: string) => local.slice(0, 10).replaceAll('-', '');
const icsLocal = (local: string) => `${icsDate(local)}T${local.slice(11, 19).replaceAll(':', '')}`;
const icsUtc = (ms: number) => `${formatInstant(ms).slice(0, 19).replaceAll(/[-:]/g, '')}Z`;

/**
 * The rule of `series` cut to end just before the occurrence `recurrenceId`: COUNT gives way to an
 * UNTIL one second (all-day: one day) earlier, of the kind RFC 5545 §3.3.10 asks for the DTSTART
 * (a DATE for all-day, a local time for floating, UTC for a zoned start). A rule that ends before
 * it stays as it is; null without a rule.
 */
export function ruleEndingBefore(series: SeriesTimes, recurrenceId: string): string | null {
  if (!series.rrule) return null;
  // Split at an RDATE after the rule's last instance: the rule already ends before it, and a
  // later UNTIL would give the old series instances it never had.
  const rule = { ...series, exdates: [], rdates: [] };
  const from = localToEpochMs(recurrenceId, series.zone);
  if (expandSchedule(rule, { fromMs: from, toMs: LAST_MS }, { limit: 1 }).length === 0) return series.rrule;
  const until = series.allDay
    ? icsDate(addLocalDays(recurrenceId, -1))
    : series.zone === null
      ? icsLocal(shiftLocalTime(recurrenceId, -1))
      : icsUtc(localToEpochMs(recurrenceId, series.zone) - 1000);
  return withRulePart(withRulePart(series.rrule, 'COUNT', null), 'UNTIL', until);
}

/**
 * The rule of the series that continues at `recurrenceId`: the same UNTIL, or what is left of
 * COUNT after the rule instances before it (COUNT counts before EXDATE, RFC 5545 §3.8.5.1).
 */
export function ruleContinuingAt(series: SeriesTimes, recurrenceId: string): string | null {
  if (!series.rrule) return null;
  const count = rulePart(series.rrule, 'COUNT');
  if (count === undefined) return series.rrule;
  const before = expandSchedule(
    { ...series, exdates: [], rdates: [] },
    {
      fromMs: localToEpochMs(series.dtstart, series.zone),
      toMs: localToEpochMs(recurrenceId, series.zone),
    },
    { limit: Number(count) },
  ).length;
  return withRulePart(series.rrule, 'COUNT', String(Math.max(1, Number(count) - before)));
}

/**
 * Splits a series at the occurrence `recurrenceId` for a "this and future" change. The head keeps
 * what lies before it and ends there (UNTIL); the tail starts at it with the rest of COUNT, the
 * later EXDATEs, RDATEs and exceptions, and the first occurrence's length. Splitting at DTSTART
 * leaves no head: the change concerns the whole series.
 */
export function splitSeries(
  series: SeriesTimes,
  exceptions: readonly SeriesException[],
  recurrenceId: string,
): { readonly head: SeriesPart | null; readonly tail: SeriesPart } {
  if (recurrenceId === series.dtstart) return { head: null, tail: { times: series, exceptions } };
  const later = (local: string) => local >= recurrenceId;
  const earlier = (local: string) => !later(local);
  const tail: SeriesTimes = {
    ...series,
    dtstart: recurrenceId,
    dtend: shiftLocalTime(recurrenceId, wallSecondsBetween(series.dtstart, series.dtend)),
    rrule: ruleContinuingAt(series, recurrenceId),
    exdates: series.exdates.filter(later),
    rdates: series.rdates.filter(later),
  };
  const head: SeriesTimes = {
    ...series,
    rrule: ruleEndingBefore(series, recurrenceId),
    exdates: series.exdates.filter(earlier),
    rdates: series.rdates.filter(earlier),
  };
  return {
    head: { times: head, exceptions: exceptions.filter((x) => earlier(x.recurrenceId)) },
    tail: { times: tail, exceptions: exceptions.filter((x) => later(x.recurrenceId)) },
  };
}
