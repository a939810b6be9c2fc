import type { ListUsersQuery, Role, User } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { decodeCursor, encodeCursor } from '../../http/pagination';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  active: boolean;
  time_zone: string;
  show_holidays: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
  version: number;
}

/** The API shape of a user row (never the password hash). */
export const presentUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  active: r.active,
  timeZone: r.time_zone,
  showHolidays: r.show_holidays ?? true,
  createdAt: r.created_at.toISOString(),
  lastSignInAt: r.last_sign_in_at ? r.last_sign_in_at.toISOString() : null,
});

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('select * from users where id = $1', [id])).rows[0];
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('select * from users where email = $1', [email])).rows[0];
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]?.n ?? 0;
}

export async function countActiveAdmins(db: Queryable): Promise<number> {
  return (
    (await db.query<{ n: number }>("select count(*)::int as n from users where role = 'admin' and active"))
      .rows[0]?.n ?? 0
  );
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/**
 * Inserts a user with their personal calendar, in one statement; a taken email raises the
 * driver's unique violation (23505).
 */
export async function insertUser(db: Queryable, u: NewUser): Promise<UserRow> {
  const r = await db.query<UserRow>(
    `with u as (insert into users (email, name, role, password_hash) values ($1, $2, $3, $4) returning *),
          c as (insert into calendars (name, kind, owner_id) select name, 'personal', id from u)
     select * from u`,
    [u.email, u.name, u.role, u.passwordHash],
  );
  return r.rows[0]!;
}

export async function updateUser(
  db: Queryable,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string },
): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `update users set
       name = coalesce($2, name), role = coalesce($3, role), active = coalesce($4, active),
       password_hash = coalesce($5, password_hash), updated_at = now(), version = version + 1
     where id = $1 returning *`,
    [id, patch.name ?? null, patch.role ?? null, patch.active ?? null, patch.passwordHash ?? null],
  );
  return r.rows[0];
}

/** Changes a user's own preferences. */
export async function updatePreferences(
  db: Queryable,
  id: string,
  p: { name?: string | undefined; timeZone?: string | undefined; showHolidays?: boolean | undefined },
): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `update users set name = coalesce($2, name), time_zone = coalesce($3, time_zone),
       show_holidays = coalesce($4, show_holidays), updated_at = now() where id = $1 returning *`,
    [id, p.name ?? null, p.timeZone ?? null, p.showHolidays ?? null],
  );
  return r.rows[0];
}

export async function touchSignIn(db: Queryable, id: string): Promise<void> {
  await db.query('update users set last_sign_in_at = now() where id = $1', [id]);
}

/** Users ordered by name, then id; keyset-paginated on that order. */
export async function listUsers(
  db: Queryable,
  q: ListUsersQuery,
): Promise<{ items: UserRow[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.q)
    add('(lower(name) like ? or email like ?)', `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.role) add('role = ?', q.role);
  if (q.status !== 'all') add('active = ?', q.status === 'active');
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, ['string', 'uuid']);
    params.push(name, id);
    where.push(`(lower(name), id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const rows = (
    await db.query<UserRow>(
      `select * from users ${where.length ? `where ${where.join(' and ')}` : ''}
       order by lower(name), id limit $${params.length}`,
      params,
    )
  ).rows;
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}
