import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

columnsOf('users', ['id', 'name', 'email']);
columnsOf('participants', ['item_id', 'user_id', 'guest_name', 'guest_email', 'id']);
columnsOf('rsvps', ['participant_id', 'occurrence', 'status']);

export interface PersonRow {
  id: string;
  name: string;
  email: string;
}

/** Organisers by user id. */
export async function findPeople(db: Queryable, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<PersonRow>('select id, name, email from users where id = any($1::uuid[])', [ids]);
  return r.rows;
}

export interface AttendeeRow {
  item_id: string;
  name: string;
  email: string;
  /** The answer for every occurrence ('' in `rsvps`), if any. */
  status: 'going' | 'maybe' | 'declined' | null;
}

/** The participants with an email address of the items, with their answer for the whole item. */
export async function findAttendees(db: Queryable, itemIds: readonly string[]): Promise<AttendeeRow[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<AttendeeRow>(
    `select p.item_id, coalesce(u.name, p.guest_name) as name, coalesce(u.email, p.guest_email) as email,
            (select r.status from rsvps r where r.participant_id = p.id and r.occurrence = '') as status
       from participants p left join users u on u.id = p.user_id
      where p.item_id = any($1::uuid[]) and coalesce(u.email, p.guest_email) is not null
      order by p.item_id, lower(coalesce(u.name, p.guest_name)), p.id`,
    [itemIds],
  );
  return r.rows;
}
