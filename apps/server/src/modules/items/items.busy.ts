/**
 * Free/busy: when people are taken, read from everything that makes them so — items they
 * organise, tasks they are assigned, items they said going or maybe to (per occurrence where they
 * answered per occurrence), every occurrence of series (exceptions applied, cancelled ones left
 * out), approved leave (pending leave as tentative) — plus the office's holidays and the hours
 * outside its working week as kinds of their own. The same reading gives the people conflicts of
 * an item: who among its organiser, assignee and invited users is busy or on leave at its time.
 */
import {
  type BusyInterval,
  type CalendarPermission,
  FREEBUSY_MAX_DAYS,
  FREEBUSY_MAX_USERS,
  type PersonConflict,
} from '@kalendaryo/contract';
import { AppError, OFFICE_TIME_ZONE, OFFICE_WORKING_DAYS, OFFICE_WORKING_HOURS } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { visibleCalendars } from '../calendars';
import type { Actor } from '../deps';
import { expandFairly } from './feed-budget';
import { philippineHolidays } from './holidays';
import {
  findBusyItems,
  findInvitations,
  findInvitedUserIds,
  findUnapprovedBookings,
  findUserNames,
  type InvitedRow,
} from './items.busy.repository';
import { expandWithin, MAX_FEED_OCCURRENCES } from './items.feed';
import { seesLeaveFully } from './items.leave';
import { masked } from './items.present';
import { type ExceptionRow, findExceptions, findItem, type ItemRow } from './items.repository';
import { isSeries, resolveOccurrence } from './items.scopes';
import { addDays, localToMs, shiftLocal, wallDeltaSeconds } from './times';

const DAY_MS = 86_400_000;
/** How far ahead, and how many occurrences of a series, its conflicts look at. */
export const CONFLICT_HORIZON_DAYS = 90;
export const CONFLICT_OCCURRENCES = 20;

/** A busy interval of an item, before it is shown to anyone. */
interface ItemBusy {
  userId: string;
  startMs: number;
  endMs: number;
  row: ItemRow;
  tentative: boolean;
  recurrenceId: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

/** The answer that counts for occurrence `key`: its own, else the one for every occurrence. */
const answerFor = (inv: InvitedRow, key: string) =>
  inv.rsvps.find((r) => r.occurrence === key)?.status ?? inv.rsvps.find((r) => r.occurrence === '')?.status;

/**
 * Who of `users` each occurrence of `row` keeps busy, and whether only perhaps: leave keeps its
 * requester busy (tentatively while pending); other items their organiser and a task its
 * assignee (tentatively when the item is tentative), and invited users who said going (or maybe:
 * tentatively). Declined or unanswered invitations are free time.
 */
function busyPeople(
  row: ItemRow,
  status: string,
  key: string,
  users: ReadonlySet<string>,
  invited: readonly InvitedRow[],
): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const add = (userId: unknown, tentative: boolean) => {
    if (typeof userId !== 'string' || !users.has(userId)) return;
    out.set(userId, (out.get(userId) ?? true) && tentative);
  };
  if (row.kind === 'leave') {
    add(row.organizer_id, row.details?.approval_status !== 'approved');
    return out;
  }
  const tentative = status === 'tentative';
  add(row.organizer_id, tentative);
  if (row.kind === 'task') add(row.details?.assignee_id, tentative);
  for (const inv of invited) {
    const answer = answerFor(inv, key);
    if (answer === 'going') add(inv.user_id, tentative);
    else if (answer === 'maybe') add(inv.user_id, true);
  }
  return out;
}

/**
 * The busy intervals that items give `userIds` in [fromMs, toMs), series expanded within the
 * feed's work budget (a series too costly is cut short rather than failing the answer).
 * `except` leaves out one item (the one whose conflicts are being found).
 */
async function itemBusy(
  db: Queryable,
  userIds: readonly string[],
  fromMs: number,
  toMs: number,
  except?: string,
): Promise<ItemBusy[]> {
  const rows = (await findBusyItems(db, userIds, new Date(fromMs), new Date(toMs))).filter(
    (r) => r.id !== except,
  );
  if (rows.length === 0) return [];
  const exceptions = groupBy<ExceptionRow>(
    await findExceptions(
      db,
      rows.filter(isSeries).map((r) => r.id),
    ),
    (x) => x.item_id,
  );
  const invitations = groupBy(
    await findInvitations(
      db,
      rows.map((r) => r.id),
      userIds,
    ),
    (x) => x.item_id,
  );
  const users = new Set(userIds);
  const expanded = await expandFairly(rows, MAX_FEED_OCCURRENCES, (row, share) => {
    const e = expandWithin(row, exceptions.get(row.id) ?? [], fromMs, toMs, OFFICE_TIME_ZONE, share);
    return { ...e, spent: { limit: e.occurrences.length, candidates: e.candidates } };
  });
  const out: ItemBusy[] = [];
  for (const [i, row] of rows.entries()) {
    const series = isSeries(row);
    for (const o of expanded[i]!.occurrences) {
      const status = o.exception?.status ?? row.status;
      if (status === 'cancelled' || o.endMs <= fromMs || o.startMs >= toMs) continue;
      const key = series ? o.recurrenceId : '';
      const people = busyPeople(row, status, key, users, invitations.get(row.id) ?? []);
      for (const [userId, tentative] of people)
        out.push({
          userId,
          startMs: o.startMs,
          endMs: o.endMs,
          row,
          tentative,
          recurrenceId: series ? o.recurrenceId : null,
        });
    }
  }
  return out;
}

/** ISO weekday (1 = Monday) of a local date `YYYY-MM-DD`. */
const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/**
 * The hours outside the office's working days and hours that overlap [fromMs, toMs), in the
 * office's zone, as merged intervals (Friday evening to Monday morning is one).
 */
export function offHours(fromMs: number, toMs: number): { startMs: number; endMs: number }[] {
  const zone = OFFICE_TIME_ZONE;
  const spans: { startMs: number; endMs: number }[] = [];
  let day = new Date(fromMs - DAY_MS).toISOString().slice(0, 10);
  const lastDay = new Date(toMs + DAY_MS).toISOString().slice(0, 10);
  while (day <= lastDay) {
    const next = addDays(`${day}T00:00:00`, 1).slice(0, 10);
    const midnight = localToMs(`${day}T00:00:00`, zone);
    const nextMidnight = localToMs(`${next}T00:00:00`, zone);
    if (OFFICE_WORKING_DAYS.includes(isoWeekday(day))) {
      spans.push({ startMs: midnight, endMs: localToMs(`${day}T${OFFICE_WORKING_HOURS.start}:00`, zone) });
      spans.push({ startMs: localToMs(`${day}T${OFFICE_WORKING_HOURS.end}:00`, zone), endMs: nextMidnight });
    } else spans.push({ startMs: midnight, endMs: nextMidnight });
    day = next;
  }
  const merged: { startMs: number; endMs: number }[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && last.endMs >= s.startMs) last.endMs = Math.max(last.endMs, s.endMs);
    else if (s.endMs > s.startMs) merged.push({ ...s });
  }
  return merged
    .map((s) => ({ startMs: Math.max(s.startMs, fromMs), endMs: Math.min(s.endMs, toMs) }))
    .filter((s) => s.endMs > s.startMs);
}

/** The office's holidays overlapping [fromMs, toMs), as whole days in its zone. */
function officeHolidays(fromMs: number, toMs: number) {
  const out: { startMs: number; endMs: number; name: string }[] = [];
  const first = new Date(fromMs).getUTCFullYear() - 1;
  const last = new Date(toMs).getUTCFullYear() + 1;
  for (let y = first; y <= last; y++)
    for (const h of philippineHolidays(y)) {
      const startMs = localToMs(`${h.date}T00:00:00`, OFFICE_TIME_ZONE);
      const endMs = localToMs(addDays(`${h.date}T00:00:00`, 1), OFFICE_TIME_ZONE);
      if (startMs < toMs && endMs > fromMs) out.push({ startMs, endMs, name: h.name });
    }
  return out;
}

/**
 * Free/busy of `userIds` in [fromMs, toMs) for `actor`: every busy interval (see the module
 * comment), ordered by start. An item's id and title are given only to those who may read it: a
 * private item, or one on a calendar the actor cannot see, is just busy. At most 50 people and
 * 62 days per request (422 `freebusy.too_many_users`, `freebusy.window_too_long`).
 */
export async function freeBusy(
  db: Queryable,
  actor: Actor,
  userIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<BusyInterval[]> {
  if (!(toMs > fromMs))
    throw new AppError('request.bad_query', 'end must be after start.', [
      { field: 'end', message: 'must be after start' },
    ]);
  if (toMs - fromMs > FREEBUSY_MAX_DAYS * DAY_MS)
    throw new AppError('freebusy.window_too_long', undefined, [
      { field: 'end', message: `must be at most ${FREEBUSY_MAX_DAYS} days after start` },
    ]);
  const users = [...new Set(userIds)];
  if (users.length > FREEBUSY_MAX_USERS)
    throw new AppError('freebusy.too_many_users', undefined, [
      { field: 'users', message: `at most ${FREEBUSY_MAX_USERS} ids` },
    ]);
  if (users.length === 0) return [];
  const cals = await visibleCalendars(db, actor.userId, actor.role);
  const permissions = new Map<string, CalendarPermission>(cals.map((c) => [c.id, c.permission]));
  const readable = (row: ItemRow) => {
    // Others' leave is "On leave" to colleagues, never its title (which may say why).
    if (row.kind === 'leave' && !seesLeaveFully(actor, row.organizer_id)) return false;
    const permission =
      permissions.get(row.calendar_id) ??
      (row.visibility === 'public' || row.organizer_id === actor.userId ? 'view' : null);
    return permission !== null && !masked(row, permission);
  };
  const out: (BusyInterval & { ms: number })[] = [];
  for (const b of await itemBusy(db, users, fromMs, toMs)) {
    const shown = readable(b.row);
    out.push({
      ms: b.startMs,
      userId: b.userId,
      start: iso(b.startMs),
      end: iso(b.endMs),
      kind: b.row.kind,
      tentative: b.tentative,
      ...(shown ? { itemId: b.row.id, title: b.row.title } : {}),
      ...(shown && b.recurrenceId ? { recurrenceId: b.recurrenceId } : {}),
    });
  }
  const holidays = officeHolidays(fromMs, toMs);
  const off = offHours(fromMs, toMs);
  for (const userId of users) {
    for (const h of holidays)
      out.push({
        ms: h.startMs,
        userId,
        start: iso(h.startMs),
        end: iso(h.endMs),
        kind: 'holiday',
        tentative: false,
        title: h.name,
      });
    for (const s of off)
      out.push({
        ms: s.startMs,
        userId,
        start: iso(s.startMs),
        end: iso(s.endMs),
        kind: 'off_hours',
        tentative: false,
      });
  }
  out.sort((a, b) => a.ms - b.ms || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  return out.map(({ ms: _, ...b }) => b);
}

/** A span of an item to check: one occurrence (`key` its recurrence id, '' for a single item). */
interface Span {
  key: string;
  startMs: number;
  endMs: number;
}

/**
 * The spans of `row` to check for conflicts: the item itself; one occurrence of a series when
 * `occurrence` is given (404 when the series has no such one); else the next occurrences of the
 * series, up to 20 within 90 days from now (or from its start, if later).
 */
async function spansOf(db: Queryable, row: ItemRow, occurrence: string | undefined, nowMs: number) {
  const zone = row.time_zone ?? OFFICE_TIME_ZONE;
  if (!isSeries(row))
    return [{ key: '', startMs: localToMs(row.dtstart, zone), endMs: localToMs(row.dtend, zone) }];
  const exceptions = await findExceptions(db, [row.id]);
  if (occurrence) {
    const key = resolveOccurrence(row, exceptions, occurrence);
    const x = exceptions.find((e) => e.recurrence_id === key);
    if (x?.cancelled) return [];
    const start = x?.dtstart ?? key;
    const end = x?.dtend ?? shiftLocal(start, wallDeltaSeconds(row.dtstart, row.dtend));
    return [{ key, startMs: localToMs(start, zone), endMs: localToMs(end, zone) }];
  }
  const fromMs = Math.max(nowMs, row.start_at.getTime());
  const got = expandWithin(
    row,
    exceptions,
    fromMs,
    fromMs + CONFLICT_HORIZON_DAYS * DAY_MS,
    OFFICE_TIME_ZONE,
    {
      limit: CONFLICT_OCCURRENCES,
      candidates: 10_000,
    },
  );
  return got.occurrences
    .filter((o) => (o.exception?.status ?? row.status) !== 'cancelled')
    .map((o): Span => ({ key: o.recurrenceId, startMs: o.startMs, endMs: o.endMs }));
}

/** The people an item concerns: its organiser, a task's assignee and the users invited to it. */
async function peopleOf(db: Queryable, row: ItemRow): Promise<string[]> {
  const ids = [row.organizer_id, row.kind === 'task' ? row.details?.assignee_id : null];
  return [
    ...new Set([
      ...ids.filter((x): x is string => typeof x === 'string'),
      ...(await findInvitedUserIds(db, row.id)),
    ]),
  ];
}

/**
 * Who of `userIds` (default: the people the item concerns) is busy or on leave during `row`'s
 * spans (see `spansOf`), its own occurrences left out. A warning for the organiser, never a
 * refusal; names are given because those who plan together know each other's names.
 */
export async function personConflicts(
  db: Queryable,
  row: ItemRow,
  opts: { userIds?: readonly string[]; occurrence?: string; nowMs?: number } = {},
): Promise<PersonConflict[]> {
  // Leave is the absence itself: it has no one to conflict with.
  if (row.kind === 'leave' || row.status === 'cancelled') return [];
  const people = opts.userIds ? [...new Set(opts.userIds)] : await peopleOf(db, row);
  const spans = await spansOf(db, row, opts.occurrence, opts.nowMs ?? Date.now());
  if (people.length === 0 || spans.length === 0) return [];
  const fromMs = Math.min(...spans.map((s) => s.startMs));
  const toMs = Math.max(...spans.map((s) => s.endMs));
  if (!(toMs > fromMs)) return [];
  const busy = await itemBusy(db, people, fromMs, toMs, row.id);
  const names = await findUserNames(db, people);
  const series = isSeries(row);
  const seen = new Set<string>();
  const out: PersonConflict[] = [];
  for (const s of spans)
    for (const b of busy) {
      if (!(b.startMs < s.endMs && b.endMs > s.startMs)) continue;
      const kind = b.row.kind === 'leave' ? 'leave' : 'busy';
      const id = `${b.userId} ${b.startMs} ${b.endMs} ${kind} ${s.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const name = names.get(b.userId);
      out.push({
        userId: b.userId,
        ...(name ? { name } : {}),
        start: iso(b.startMs),
        end: iso(b.endMs),
        kind,
        tentative: b.tentative,
        ...(series ? { occurrence: s.key } : {}),
      });
    }
  return out;
}

/** Bookings of the item's resources (of one occurrence, when given) not approved: pending or refused. */
export async function unapprovedBookings(db: Queryable, row: ItemRow, occurrence: string | undefined) {
  const key =
    occurrence && isSeries(row)
      ? resolveOccurrence(row, await findExceptions(db, [row.id]), occurrence)
      : null;
  const rows = await findUnapprovedBookings(db, row.id, key);
  return rows.map((b) => ({
    bookingId: b.id,
    resourceId: b.resource_id,
    resourceName: b.resource_name,
    status: b.status,
    start: b.start_at.toISOString(),
    end: b.end_at.toISOString(),
  }));
}

/** `personConflicts` of the item `itemId` (none when it no longer exists). */
export async function itemConflicts(
  db: Queryable,
  itemId: string,
  opts: { userIds?: readonly string[]; occurrence?: string | undefined } = {},
): Promise<PersonConflict[]> {
  const row = await findItem(db, itemId);
  if (!row) return [];
  return personConflicts(db, row, {
    ...(opts.userIds ? { userIds: opts.userIds } : {}),
    ...(opts.occurrence ? { occurrence: opts.occurrence } : {}),
  });
}
