import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

// Who booking messages go to: the people who decide a resource's bookings.
columnsOf('users', ['id', 'name', 'active', 'role']);

/**
 * The active users who decide bookings of a resource, but `exceptId` (the requester): its named
 * approvers; without named approvers, coordinators and administrators. When none of the named
 * approvers is left, administrators (who stand in for them).
 */
export async function findApprovers(
  db: Queryable,
  approverIds: readonly string[],
  exceptId: string | null,
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `with named as (select id from users where active and id = any($1::uuid[]) and id is distinct from $2::uuid)
     select id from named
     union
     select id from users
      where active and id is distinct from $2::uuid and not exists (select 1 from named)
        and (role = 'admin' or (role = 'coordinator' and cardinality($1::uuid[]) = 0))
     order by id`,
    [approverIds, exceptId],
  );
  return r.rows.map((u) => u.id);
}

/** A user's name (the requester of a standing request, for the horizon job's messages). */
export async function findUserName(db: Queryable, id: string): Promise<string | null> {
  const r = await db.query<{ name: string }>('select name from users where id = $1', [id]);
  return r.rows[0]?.name ?? null;
}
