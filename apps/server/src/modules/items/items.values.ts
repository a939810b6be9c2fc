import { randomUUID } from 'node:crypto';
import {
  type CreateItemBody,
  detailsSchemas,
  type ItemKind,
  type UpdateItemBody,
} from '@kalendaryo/contract';
import { AppError, lastEndMs, type SeriesSchedule } from '@kalendaryo/domain';
import { MAX_PER_SERIES, validateRule } from './expand';
import type { ItemRow, ItemValues } from './items.repository';
import { addDays, canonicalLocal, isDateOnly, localToMs, requireLocal } from './times';

export const DEFAULT_ZONE = 'Asia/Manila';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Details as the API shows them (camelCase keys; instants as ISO strings). */
export function presentDetails(details: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details ?? {})) {
    // Instants come out of to_jsonb as '2026-03-10T09:00:00+00:00'; the API speaks ISO with Z.
    out[camel(k)] = k.endsWith('_at') && typeof v === 'string' ? new Date(v).toISOString() : v;
  }
  return out;
}

/** Validates `details` for `kind` and returns the columns of its details table. */
export function detailColumns(kind: ItemKind, details: Record<string, unknown>): Record<string, unknown> {
  const parsed = detailsSchemas[kind].safeParse(details);
  if (!parsed.success) {
    throw new AppError(
      'item.invalid_details',
      `The details do not fit a ${kind.replace('_', ' ')}.`,
      parsed.error.issues.map((i) => ({
        field: ['details', ...i.path.map(String)].join('.'),
        message: i.message,
        code: i.code,
      })),
    );
  }
  const columns: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>))
    if (v !== undefined) columns[snake(k)] = v;
  return columns;
}

/** The time fields of an item as given by a client, in one place for create and update. */
export interface TimeInput {
  start: string;
  end: string;
  timeZone: string | null;
  allDay: boolean;
  rrule: string | null;
  exdates: readonly string[];
  rdates: readonly string[];
}

/**
 * Turns client times into stored ones: local wall times in the zone, the first occurrence's
 * instants and the end of the whole series (null while unbounded). All-day items take dates and
 * an exclusive end date (a single day may repeat its start date).
 */
export function resolveTimes(t: TimeInput) {
  const zone = t.timeZone;
  let dtstart: string;
  let dtend: string;
  if (t.allDay) {
    for (const [field, v] of [
      ['start', t.start],
      ['end', t.end],
    ] as const) {
      if (!isDateOnly(v))
        throw new AppError('item.invalid_time', `${field}: all-day items take dates (YYYY-MM-DD).`, [
          { field, message: 'must be a date' },
        ]);
    }
    dtstart = requireLocal(t.start, zone, 'start');
    dtend = requireLocal(t.end, zone, 'end');
    if (dtend === dtstart) dtend = addDays(dtstart, 1);
  } else {
    for (const [field, v] of [
      ['start', t.start],
      ['end', t.end],
    ] as const) {
      if (isDateOnly(v))
        throw new AppError(
          'item.invalid_time',
          `${field}: timed items take a date and time; set allDay for dates.`,
          [{ field, message: 'must include a time' }],
        );
      if (zone === null && /[zZ]|[+-]\d{2}:\d{2}$/.test(v)) {
        throw new AppError(
          'item.invalid_time',
          `${field}: floating items (timeZone null) take local date-times without offset.`,
          [{ field, message: 'must be a local date-time' }],
        );
      }
    }
    dtstart = requireLocal(t.start, zone, 'start');
    dtend = requireLocal(t.end, zone, 'end');
  }
  const startMs = localToMs(dtstart, zone);
  const endMs = localToMs(dtend, zone);
  if (endMs < startMs || dtend < dtstart) {
    throw new AppError('item.invalid_time', 'The end must not be before the start.', [
      { field: 'end', message: 'is before the start' },
    ]);
  }
  const rrule = t.rrule?.trim().replace(/^RRULE:/i, '') || null;
  if (rrule) validateRule(rrule, dtstart, zone);
  const exdates = t.exdates.map((v, i) => requireLocal(v, zone, `exdates.${i}`));
  const rdates = t.rdates.map((v, i) => requireLocal(v, zone, `rdates.${i}`));
  const spec = { dtstart, zone, allDay: t.allDay, rrule, exdates, rdates };
  return {
    dtstart,
    dtend,
    startAt: new Date(startMs),
    endAt: new Date(endMs),
    rrule,
    exdates: [...new Set(exdates)].sort(),
    rdates: [...new Set(rdates)].sort(),
    seriesEndAt: seriesEnd(spec, endMs - startMs),
  };
}

/**
 * The end of the last occurrence, for selecting candidate rows; null when the rule is unbounded
 * or has more occurrences than is worth expanding at write time. Floating series are widened by
 * a day, since their instants depend on the viewer's zone.
 */
function seriesEnd(spec: SeriesSchedule, durationMs: number): Date | null {
  const end = lastEndMs(spec, durationMs, MAX_PER_SERIES * 20);
  return end === null ? null : new Date(end + (spec.zone === null ? 86_400_000 : 0));
}

/** Stored values of a new item. */
export function valuesForCreate(body: CreateItemBody, calendarId: string, organizerId: string): ItemValues {
  // Leave is taken in whole days: given dates, it is all-day without saying so.
  const allDay = body.allDay ?? (body.kind === 'leave' && isDateOnly(body.start));
  const timeZone = body.timeZone === undefined ? DEFAULT_ZONE : body.timeZone;
  const times = resolveTimes({
    start: body.start,
    end: body.end,
    timeZone,
    allDay,
    rrule: body.rrule ?? null,
    exdates: body.exdates ?? [],
    rdates: body.rdates ?? [],
  });
  return {
    calendarId,
    kind: body.kind,
    title: body.title,
    description: body.description ?? null,
    location: body.location ?? null,
    allDay,
    timeZone,
    ...times,
    // Leave is tentative until approved, whatever the request says: its status follows the decision.
    status: body.kind === 'leave' ? 'tentative' : (body.status ?? 'confirmed'),
    visibility: body.visibility ?? (body.kind === 'community_event' ? 'public' : 'default'),
    organizerId,
    communityId: body.communityId ?? null,
    color: body.color ?? null,
    uid: `${randomUUID()}@kalendaryo`,
    sequence: 0,
    splitFromId: null,
  };
}

/** The client-facing time form of a stored item (what a PATCH merges into). */
export function timeInputOf(row: ItemRow): TimeInput {
  const asClient = (local: string) =>
    row.all_day
      ? local.slice(0, 10)
      : row.time_zone === null
        ? local
        : new Date(localToMs(local, row.time_zone)).toISOString();
  return {
    start: asClient(row.dtstart),
    end: asClient(row.dtend),
    timeZone: row.time_zone,
    allDay: row.all_day,
    rrule: row.rrule,
    exdates: row.exdates,
    rdates: row.rdates,
  };
}

/** Stored values of an item after applying a patch of its shared fields. */
export function valuesForUpdate(row: ItemRow, patch: UpdateItemBody): ItemValues {
  const current = timeInputOf(row);
  const allDay = patch.allDay ?? row.all_day;
  const timeZone = patch.timeZone === undefined ? row.time_zone : patch.timeZone;
  // Switching between timed and all-day, or zones, needs the times restated; otherwise the
  // stored wall times carry over.
  const start =
    patch.start ??
    (allDay === row.all_day && timeZone === row.time_zone
      ? current.start
      : row.dtstart.slice(0, allDay ? 10 : 19));
  const end =
    patch.end ??
    (allDay === row.all_day && timeZone === row.time_zone
      ? current.end
      : row.dtend.slice(0, allDay ? 10 : 19));
  const times = resolveTimes({
    start,
    end,
    timeZone,
    allDay,
    rrule: patch.rrule === undefined ? row.rrule : patch.rrule,
    exdates: patch.exdates ?? row.exdates,
    rdates: patch.rdates ?? row.rdates,
  });
  const scheduleChanged =
    times.dtstart !== row.dtstart ||
    times.dtend !== row.dtend ||
    times.rrule !== row.rrule ||
    timeZone !== row.time_zone;
  return {
    calendarId: patch.calendarId ?? row.calendar_id,
    kind: row.kind,
    title: patch.title ?? row.title,
    description: patch.description === undefined ? row.description : patch.description,
    location: patch.location === undefined ? row.location : patch.location,
    allDay,
    timeZone,
    ...times,
    status: patch.status ?? row.status,
    visibility: patch.visibility ?? row.visibility,
    organizerId: row.organizer_id,
    communityId: patch.communityId === undefined ? row.community_id : patch.communityId,
    color: patch.color === undefined ? row.color : patch.color,
    uid: row.uid,
    sequence: row.sequence + (scheduleChanged ? 1 : 0),
    splitFromId: row.split_from_id,
  };
}

export { canonicalLocal };
