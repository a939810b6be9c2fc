import type { CalendarPermission, Item, ItemKind } from '@kalendaryo/contract';
import type { ExceptionRow, ItemRow } from './items.repository';
import { presentDetails } from './items.values';
import { localToMs } from './times';

/** Colours by kind, used when an item has no colour of its own. */
export const kindColors: Record<ItemKind | 'holiday', string> = {
  event: '#0f766e',
  engagement: '#7c3aed',
  task: '#2563eb',
  assessment: '#b45309',
  community_event: '#be123c',
  leave: '#4b5563',
  holiday: '#dc2626',
};

/** A client-facing time: a date for all-day items, a local date-time for floating ones, else an instant. */
export const clientTime = (local: string, zone: string | null, allDay: boolean): string =>
  allDay ? local.slice(0, 10) : zone === null ? local : new Date(localToMs(local, zone)).toISOString();

/** Whether a viewer with `permission` sees only that the time is busy. */
export const masked = (row: Pick<ItemRow, 'visibility'>, permission: CalendarPermission | null) =>
  row.visibility === 'private' && (permission === null || permission === 'view');

/** The API shape of an item for a viewer with `permission` on its calendar. */
export function presentItem(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  permission: CalendarPermission | null,
): Item {
  const hide = masked(row, permission);
  const t = (local: string | null) => (local === null ? null : clientTime(local, row.time_zone, row.all_day));
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    calendarId: row.calendar_id,
    title: hide ? 'Busy' : row.title,
    description: hide ? null : row.description,
    location: hide ? null : row.location,
    allDay: row.all_day,
    start: t(row.dtstart)!,
    end: t(row.dtend)!,
    dtstart: row.all_day ? row.dtstart.slice(0, 10) : row.dtstart,
    dtend: row.all_day ? row.dtend.slice(0, 10) : row.dtend,
    timeZone: row.time_zone,
    rrule: row.rrule,
    exdates: row.exdates.map((d) => (row.all_day ? d.slice(0, 10) : d)),
    rdates: row.rdates.map((d) => (row.all_day ? d.slice(0, 10) : d)),
    status: row.status,
    visibility: row.visibility,
    organizerId: row.organizer_id,
    communityId: row.community_id,
    color: row.color,
    uid: row.uid,
    sequence: row.sequence,
    splitFromId: row.split_from_id,
    details: hide ? {} : presentDetails(row.details),
    exceptions: exceptions.map((x) => ({
      recurrenceId: row.all_day ? x.recurrence_id.slice(0, 10) : x.recurrence_id,
      cancelled: x.cancelled,
      start: t(x.dtstart),
      end: t(x.dtend),
      title: hide ? null : x.title,
      description: hide ? null : x.description,
      location: hide ? null : x.location,
      status: x.status,
    })),
    canEdit: permission === 'edit' || permission === 'manage',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
