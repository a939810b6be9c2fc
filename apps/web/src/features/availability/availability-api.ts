import type { BusyInterval, FreeBusy, FreeBusyQuery, Item, PersonConflict } from '@kalendaryo/contract';
import { FREEBUSY_MAX_DAYS } from '@kalendaryo/contract/values';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';
import { isoInstant, shiftWall } from '../../app/time';

const DAY_MS = 86_400_000;

/** A span of time as instants (ISO 8601). */
export interface Span {
  start: string;
  end: string;
}

/**
 * Free/busy of some people over a span (the server allows 62 days: a longer span is asked for its
 * first 62). Disabled without people or with an empty span.
 */
export const freeBusyQuery = (userIds: readonly string[], span: Span | null) => {
  const fromMs = span ? Date.parse(span.start) : Number.NaN;
  const toMs = span ? Math.min(Date.parse(span.end), fromMs + FREEBUSY_MAX_DAYS * DAY_MS) : Number.NaN;
  const ids = [...new Set(userIds)].sort();
  return queryOptions({
    queryKey: ['freebusy', ids.join(','), fromMs, toMs],
    queryFn: ({ signal }) => {
      const query: FreeBusyQuery = {
        users: ids.join(','),
        start: new Date(fromMs).toISOString(),
        end: new Date(toMs).toISOString(),
      };
      return api<FreeBusy>('/freebusy', { query: { ...query }, signal, banner: false });
    },
    enabled: ids.length > 0 && toMs > fromMs,
    staleTime: 30_000,
  });
};

/** What a person's line says: on leave, or busy (tentatively: pending leave, a "maybe"). */
export interface BusyLine {
  userId: string;
  name: string;
  kind: 'leave' | 'busy';
  tentative: boolean;
}

/** The text of a line: "Amina Lidasan — on leave". */
export const lineText = (l: BusyLine) =>
  `${l.name} — ${l.kind === 'leave' ? 'on leave' : 'busy'}${l.tentative ? ' (not yet certain)' : ''}`;

/**
 * One line per person and kind from free/busy answers or a server's conflicts: leave before busy;
 * holidays and hours outside the working week are not about the person and are left out, and so
 * is the item being edited (`ignoreItemId`). A certain answer wins over a tentative one.
 */
export function busyLines(
  busy: readonly (BusyInterval | PersonConflict)[],
  names: ReadonlyMap<string, string>,
  ignoreItemId?: string,
): BusyLine[] {
  const lines = new Map<string, BusyLine>();
  for (const b of busy) {
    if (b.kind === 'holiday' || b.kind === 'off_hours') continue;
    if ('itemId' in b && ignoreItemId && b.itemId === ignoreItemId) continue;
    const kind = b.kind === 'leave' ? 'leave' : 'busy';
    const key = `${b.userId} ${kind}`;
    const name = names.get(b.userId) ?? ('name' in b && b.name ? b.name : 'Someone');
    const had = lines.get(key);
    lines.set(key, { userId: b.userId, name, kind, tentative: (had?.tentative ?? true) && b.tentative });
  }
  return [...lines.values()].sort((a, b) =>
    a.kind !== b.kind ? (a.kind === 'leave' ? -1 : 1) : a.name.localeCompare(b.name),
  );
}

/** The instants of a form's chosen time: a timed span in `zone`, or whole days in the office's zone. */
export function spanOfWalls(allDay: boolean, start: string, end: string, zone: string): Span | null {
  try {
    const span = allDay
      ? {
          start: isoInstant(`${start.slice(0, 10)}T00:00:00`, OFFICE_TIME_ZONE),
          end: isoInstant(shiftWall(`${end.slice(0, 10)}T00:00:00`, 1), OFFICE_TIME_ZONE),
        }
      : {
          start: isoInstant(`${start.slice(0, 16)}:00`, zone),
          end: isoInstant(`${end.slice(0, 16)}:00`, zone),
        };
    return Date.parse(span.end) > Date.parse(span.start) ? span : null;
  } catch {
    return null;
  }
}

/** The span of an item, or of its occurrence `occurrence` (a recurrence id: its original local start). */
export function spanOfItem(item: Item, occurrence: string | null): Span | null {
  const zone = item.timeZone ?? OFFICE_TIME_ZONE;
  const whole = item.allDay
    ? spanOfWalls(true, item.start, shiftWall(`${item.end.slice(0, 10)}T00:00:00`, -1), zone)
    : { start: item.start, end: item.end };
  if (!whole || !occurrence) return whole;
  const length = Date.parse(whole.end) - Date.parse(whole.start);
  const start = Date.parse(
    isoInstant(occurrence.length === 10 ? `${occurrence}T00:00:00` : occurrence, zone),
  );
  if (Number.isNaN(start)) return whole;
  return { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
}
