import type { UpdateItemBody } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { expandStarts, type SeriesSpec } from './expand';
import { type ExceptionRow, type ExceptionValues, findExceptions, type ItemRow } from './items.repository';
import {
  addDays,
  canonicalLocal,
  isDateOnly,
  isInstant,
  localToMs,
  msToLocal,
  requireLocal,
  shiftLocal,
  wallDeltaSeconds,
} from './times';

export const specOf = (
  row: Pick<ItemRow, 'dtstart' | 'time_zone' | 'all_day' | 'rrule' | 'exdates' | 'rdates'>,
): SeriesSpec => ({
  dtstart: row.dtstart,
  zone: row.time_zone,
  allDay: row.all_day,
  rrule: row.rrule,
  exdates: row.exdates,
  rdates: row.rdates,
});

export const isSeries = (row: Pick<ItemRow, 'rrule' | 'rdates'>) =>
  row.rrule !== null || row.rdates.length > 0;

/** Whether `local` is an occurrence start of the series (after EXDATE). */
export function isOccurrence(spec: SeriesSpec, local: string): boolean {
  const ms = localToMs(local, spec.zone);
  return expandStarts(spec, { fromMs: ms, toMs: ms + 1000 }, 10).some((o) => o.local === local);
}

/**
 * Reads the `occurrence` parameter (a local date-time, an instant, or a date for all-day series)
 * as the recurrence id of an occurrence of `row`; 404 when the series has no such occurrence.
 */
export function resolveOccurrence(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  occurrence: string | undefined,
): string {
  if (!occurrence)
    throw new AppError(
      'item.occurrence_required',
      'Give `occurrence`: the original start of the occurrence to change.',
      [{ field: 'occurrence', message: 'is required for scope this or future' }],
    );
  if (row.time_zone === null && isInstant(occurrence)) {
    throw new AppError(
      'item.occurrence_not_found',
      'This series is floating: name the occurrence by its local date-time.',
    );
  }
  const local =
    isDateOnly(occurrence) && row.all_day
      ? `${occurrence}T00:00:00`
      : requireLocal(occurrence, row.time_zone, 'occurrence');
  if (exceptions.some((x) => x.recurrence_id === local) || isOccurrence(specOf(row), local)) return local;
  throw new AppError('item.occurrence_not_found', `The series has no occurrence starting ${occurrence}.`);
}

const THIS_ONLY_FORBIDDEN = [
  'rrule',
  'exdates',
  'rdates',
  'timeZone',
  'allDay',
  'calendarId',
  'details',
  'visibility',
  'communityId',
  'color',
] as const;

/** The exception that a "this" edit makes of one occurrence, merged with any earlier one. */
export function exceptionForThis(
  row: ItemRow,
  rid: string,
  existing: ExceptionRow | undefined,
  patch: UpdateItemBody,
): ExceptionValues {
  const bad = THIS_ONLY_FORBIDDEN.filter((k) => patch[k] !== undefined);
  if (bad.length) {
    throw new AppError(
      'request.invalid',
      'Only the time, title, description, location and status of one occurrence can change; use scope=all or future for the rest.',
      bad.map((f) => ({ field: f, message: 'cannot change for one occurrence' })),
    );
  }
  const zone = row.time_zone;
  const durationSec = wallDeltaSeconds(row.dtstart, row.dtend);
  const curStart = existing?.dtstart ?? rid;
  const curEnd =
    existing?.dtend ??
    (row.all_day
      ? addDays(rid, Math.round(durationSec / 86_400))
      : msToLocal(localToMs(rid, zone) + durationSec * 1000, zone));
  const read = (v: string, field: string) => {
    if (row.all_day && !isDateOnly(v))
      throw new AppError('item.invalid_time', `${field}: this is an all-day series; give a date.`, [
        { field, message: 'must be a date' },
      ]);
    return requireLocal(v, zone, field);
  };
  const dtstart = patch.start ? read(patch.start, 'start') : curStart;
  let dtend = patch.end
    ? read(patch.end, 'end')
    : patch.start
      ? shiftLocal(curEnd, wallDeltaSeconds(curStart, dtstart))
      : curEnd;
  if (row.all_day && dtend === dtstart) dtend = addDays(dtstart, 1);
  if (localToMs(dtend, zone) < localToMs(dtstart, zone))
    throw new AppError('item.invalid_time', 'The end must not be before the start.', [
      { field: 'end', message: 'is before the start' },
    ]);
  const moved = dtstart !== rid || dtend !== curEnd || existing?.dtstart != null;
  return {
    recurrenceId: rid,
    cancelled: false,
    dtstart: moved ? dtstart : null,
    dtend: moved ? dtend : null,
    title: patch.title ?? existing?.title ?? null,
    description: patch.description === undefined ? (existing?.description ?? null) : patch.description,
    location: patch.location === undefined ? (existing?.location ?? null) : patch.location,
    status: patch.status ?? existing?.status ?? null,
  };
}

const icsDate = (local: string) => local.slice(0, 10).replaceAll('-', '');
const icsLocal = (local: string) => `${icsDate(local)}T${local.slice(11, 19).replaceAll(':', '')}`;

/** Replaces or removes one part (COUNT, UNTIL…) of an RRULE value. */
export function withRulePart(rrule: string, part: string, value: string | null): string {
  const parts = rrule.split(';').filter((p) => p && !p.toUpperCase().startsWith(`${part}=`));
  if (value !== null) parts.push(`${part}=${value}`);
  return parts.join(';');
}

export const rulePart = (rrule: string, part: string): string | undefined =>
  rrule
    .split(';')
    .find((p) => p.toUpperCase().startsWith(`${part}=`))
    ?.slice(part.length + 1);

/**
 * The rule of a series cut to end just before the occurrence `rid`: COUNT becomes an UNTIL one
 * second (or, all-day, one day) before it, in the form RFC 5545 §3.3.10 asks for the DTSTART.
 */
export function truncatedRule(row: ItemRow, rid: string): string {
  const until = row.all_day
    ? icsDate(addDays(rid, -1))
    : row.time_zone === null
      ? icsLocal(shiftLocal(rid, -1))
      : `${new Date(localToMs(rid, row.time_zone) - 1000).toISOString().slice(0, 19).replaceAll(/[-:]/g, '')}Z`;
  return withRulePart(withRulePart(row.rrule!, 'COUNT', null), 'UNTIL', until);
}

/** The rule of the new series that starts at `rid`: what is left of COUNT, or the same UNTIL. */
export function continuedRule(row: ItemRow, rid: string): string | null {
  if (!row.rrule) return null;
  const count = rulePart(row.rrule, 'COUNT');
  if (count === undefined) return row.rrule;
  const ridMs = localToMs(rid, row.time_zone);
  const before = expandStarts(
    { ...specOf(row), exdates: [], rdates: [] },
    { fromMs: localToMs(row.dtstart, row.time_zone), toMs: ridMs },
    Number(count),
  ).length;
  return withRulePart(row.rrule, 'COUNT', String(Math.max(1, Number(count) - before)));
}

/** Exceptions as values to write again, their recurrence ids shifted by `deltaSec` of wall time. */
export const shiftedExceptions = (rows: readonly ExceptionRow[], deltaSec: number): ExceptionValues[] =>
  rows.map((x) => ({
    recurrenceId: deltaSec ? shiftLocal(x.recurrence_id, deltaSec) : x.recurrence_id,
    cancelled: x.cancelled,
    dtstart: x.dtstart,
    dtend: x.dtend,
    title: x.title,
    description: x.description,
    location: x.location,
    status: x.status,
  }));

/**
 * The exceptions that still make sense after the series changed: shifted with its start, and
 * kept only where they still name an occurrence of the new rule.
 */
export async function carriedExceptions(
  db: Queryable,
  before: ItemRow,
  after: SeriesSpec,
): Promise<ExceptionValues[]> {
  const current = await findExceptions(db, [before.id]);
  if (!after.rrule && after.rdates.length === 0) return [];
  const delta = wallDeltaSeconds(canonicalLocal(before.dtstart), canonicalLocal(after.dtstart));
  const spec = { ...after, exdates: [] };
  return shiftedExceptions(current, delta).filter((x) => isOccurrence(spec, x.recurrenceId));
}
