import type { Calendar, CalendarPermission } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';

export interface CalendarRow {
  id: string;
  name: string;
  kind: 'personal' | 'shared';
  owner_id: string;
  color: string;
  description: string | null;
  version: number;
  permission: CalendarPermission | null;
  /** Subscribed by URL (read-only); absent on rows that did not ask. */
  subscribed?: boolean;
}

const CALENDAR = rowColumns<Omit<CalendarRow, 'permission' | 'subscribed'>>()('calendars', [
  'id',
  'name',
  'kind',
  'owner_id',
  'color',
  'description',
  'version',
]);
/** Whether a calendar is fed by a subscription (items written only by its refresh). */
const SUBSCRIBED = 'exists (select 1 from calendar_subscriptions s where s.calendar_id = c.id) as subscribed';
const COLUMNS = `${CALENDAR.list('c')}, ${SUBSCRIBED}`;
const MEMBER = columnsOf('calendar_members', ['user_id', 'permission']);
const MEMBER_USER = columnsOf('users', ['name', 'email']);

export const presentCalendar = (r: CalendarRow & { permission: CalendarPermission }): Calendar => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  ownerId: r.owner_id,
  color: r.color,
  description: r.description,
  permission: r.permission,
  readOnly: r.subscribed === true,
  version: r.version,
});

/**
 * The permission expression for user $1 (role $2): owners manage their calendars, administrators
 * manage shared (office) calendars (a smaller share given to them does not take that away),
 * members have what they were given.
 */
const PERMISSION = `case when c.owner_id = $1 then 'manage'
  when $2 = 'admin' and c.kind = 'shared' then 'manage'
  when m.permission is not null then m.permission end`;

/** A calendar with the user's permission on it (null permission: none). */
export async function findCalendarFor(
  db: Queryable,
  userId: string,
  role: string,
  calendarId: string,
): Promise<CalendarRow | undefined> {
  const r = await db.query<CalendarRow>(
    `select ${COLUMNS}, ${PERMISSION} as permission
       from calendars c left join calendar_members m on m.calendar_id = c.id and m.user_id = $1
      where c.id = $3`,
    [userId, role, calendarId],
  );
  return r.rows[0];
}

/** Every calendar the user may at least view, personal first, then by name. */
export async function visibleCalendars(
  db: Queryable,
  userId: string,
  role: string,
): Promise<(CalendarRow & { permission: CalendarPermission })[]> {
  const r = await db.query<CalendarRow & { permission: CalendarPermission }>(
    `select * from (
       select ${COLUMNS}, ${PERMISSION} as permission
         from calendars c left join calendar_members m on m.calendar_id = c.id and m.user_id = $1
     ) x where permission is not null
     order by (kind = 'personal' and owner_id = $1) desc, lower(name), id`,
    [userId, role],
  );
  return r.rows;
}

export async function personalCalendarId(db: Queryable, userId: string): Promise<string> {
  const found = await db.query<{ id: string }>(
    "select id from calendars where owner_id = $1 and kind = 'personal'",
    [userId],
  );
  if (found.rows[0]) return found.rows[0].id;
  const created = await db.query<{ id: string }>(
    `insert into calendars (name, kind, owner_id) select name, 'personal', id from users where id = $1
     on conflict (owner_id) where kind = 'personal' do update set name = calendars.name returning id`,
    [userId],
  );
  return created.rows[0]!.id;
}

export async function insertCalendar(
  db: Queryable,
  c: { name: string; ownerId: string; color?: string | undefined; description?: string | null | undefined },
): Promise<CalendarRow> {
  const r = await db.query<CalendarRow>(
    `insert into calendars (name, kind, owner_id, color, description) values ($1, 'shared', $2, coalesce($3, '#0f766e'), $4)
     returning ${CALENDAR.list()}, 'manage' as permission`,
    [c.name, c.ownerId, c.color ?? null, c.description ?? null],
  );
  return r.rows[0]!;
}

export async function updateCalendar(
  db: Queryable,
  id: string,
  c: { name?: string | undefined; color?: string | undefined; description?: string | null | undefined },
): Promise<void> {
  await db.query(
    `update calendars set name = coalesce($2, name), color = coalesce($3, color),
       description = case when $4::boolean then $5 else description end, version = version + 1 where id = $1`,
    [id, c.name ?? null, c.color ?? null, c.description !== undefined, c.description ?? null],
  );
}

export async function deleteCalendar(db: Queryable, id: string): Promise<void> {
  await db.query('delete from calendars where id = $1', [id]);
}

export async function listMembers(db: Queryable, calendarId: string) {
  const r = await db.query<{ user_id: string; name: string; email: string; permission: CalendarPermission }>(
    `select ${MEMBER.list('m')}, ${MEMBER_USER.list('u')}
       from calendar_members m join users u on u.id = m.user_id
      where m.calendar_id = $1 order by lower(u.name), u.id`,
    [calendarId],
  );
  return r.rows.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, permission: m.permission }));
}

export async function setMember(
  db: Queryable,
  calendarId: string,
  userId: string,
  permission: CalendarPermission,
): Promise<void> {
  await db.query(
    `insert into calendar_members (calendar_id, user_id, permission) values ($1, $2, $3)
     on conflict (calendar_id, user_id) do update set permission = excluded.permission`,
    [calendarId, userId, permission],
  );
}

export async function removeMember(db: Queryable, calendarId: string, userId: string): Promise<number> {
  return (
    await db.query('delete from calendar_members where calendar_id = $1 and user_id = $2', [
      calendarId,
      userId,
    ])
  ).rowCount;
}

/** A calendar by id, whoever asks (share links name it to people who are not members). */
export async function findCalendarById(
  db: Queryable,
  id: string,
): Promise<Omit<CalendarRow, 'permission'> | undefined> {
  const r = await db.query<Omit<CalendarRow, 'permission'>>(
    `select ${COLUMNS} from calendars c where c.id = $1`,
    [id],
  );
  return r.rows[0];
}

/**
 * Makes `userId` a member with at least `permission`: a higher permission they have is kept,
 * and the owner is left as they are (they always manage).
 */
export async function grantAtLeast(
  db: Queryable,
  calendarId: string,
  userId: string,
  permission: CalendarPermission,
): Promise<void> {
  await db.query(
    `insert into calendar_members (calendar_id, user_id, permission)
     select $1, $2, $3 from calendars c where c.id = $1 and c.owner_id <> $2
     on conflict (calendar_id, user_id) do update set permission = case
       when array_position(array['view', 'edit', 'manage'], calendar_members.permission)
          >= array_position(array['view', 'edit', 'manage'], excluded.permission)
       then calendar_members.permission else excluded.permission end`,
    [calendarId, userId, permission],
  );
}
