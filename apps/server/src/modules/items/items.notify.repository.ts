import type { Role } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

// Who item messages go to: the participants of an item (with their answers, for the iTIP part),
// its organiser, and the people who decide leave.
columnsOf('participants', ['id', 'item_id', 'user_id', 'guest_name', 'guest_email']);
columnsOf('rsvps', ['participant_id', 'occurrence', 'status']);
columnsOf('users', ['id', 'name', 'email', 'active', 'role']);

/** A participant of an item: a user (name and email from their account) or a guest. */
export interface AudienceRow {
  user_id: string | null;
  name: string;
  email: string | null;
  active: boolean;
  /** Their answer for the occurrence asked about, else for every occurrence; null when none. */
  rsvp: string | null;
}

/** The participants of an item with their answer for `occurrence` ('' for the item as a whole). */
export async function findAudience(
  db: Queryable,
  itemId: string,
  occurrence: string,
): Promise<AudienceRow[]> {
  const r = await db.query<AudienceRow>(
    `select p.user_id, coalesce(u.name, p.guest_name) as name, coalesce(u.email, p.guest_email) as email,
            coalesce(u.active, true) as active,
            (select r.status from rsvps r where r.participant_id = p.id and r.occurrence in ('', $2)
              order by r.occurrence desc limit 1) as rsvp
       from participants p left join users u on u.id = p.user_id
      where p.item_id = $1 order by p.id`,
    [itemId, occurrence],
  );
  return r.rows;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** Some users by id (names and addresses for messages). */
export async function findPeople(
  db: Queryable,
  ids: readonly (string | null)[],
): Promise<Map<string, PersonRow>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (wanted.length === 0) return new Map();
  const r = await db.query<PersonRow>(
    'select id, name, email, active from users where id = any($1::uuid[])',
    [wanted],
  );
  return new Map(r.rows.map((u) => [u.id, u]));
}

/** Active users holding one of `roles` (e.g. those who decide leave). */
export async function findActiveIdsByRole(db: Queryable, roles: readonly Role[]): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    'select id from users where active and role = any($1::text[]) order by id',
    [roles],
  );
  return r.rows.map((u) => u.id);
}
