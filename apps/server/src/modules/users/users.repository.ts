import type { ListUsersQuery, Role, User } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { rowColumns } from '../../db/columns';
import { containing, Filter, keysetPage, type Page } from '../../db/paging';

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

const USER = rowColumns<UserRow>()('users', [
  'id',
  'email',
  'name',
  'role',
  'password_hash',
  'active',
  'time_zone',
  'show_holidays',
  'created_at',
  'last_sign_in_at',
  'version',
]);
const COLUMNS = USER.list();

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
  return (await db.query<UserRow>(`select ${COLUMNS} from users where id = $1`, [id])).rows[0];
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`select ${COLUMNS} from users where email = $1`, [email])).rows[0];
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
    `with u as (insert into users (email, name, role, password_hash) values ($1, $2, $3, $4) returning ${COLUMNS}),
          c as (insert into calendars (name, kind, owner_id) select name, 'personal', id from u)
     select * from u`,
    [u.email, u.name, u.role, u.passwordHash],
  );
  return r.rows[0]!;
}

/**
 * Changes a user's name, role, active state or password hash. Deactivating also revokes every
 * live session and API token of theirs in the same statement, so none works again even if the
 * account is reactivated later.
 */
export async function updateUser(
  db: Queryable,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean; passwordHash?: string },
): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `with u as (
       update users set
         name = coalesce($2, name), role = coalesce($3, role), active = coalesce($4, active),
         password_hash = coalesce($5, password_hash), updated_at = now(), version = version + 1
       where id = $1 returning ${COLUMNS}),
     revoked as (
       update sessions set revoked_at = now()
        where user_id = $1 and revoked_at is null and $4::boolean is false and exists (select 1 from u))
     select * from u`,
    [id, patch.name ?? null, patch.role ?? null, patch.active ?? null, patch.passwordHash ?? null],
  );
  return r.rows[0];
}

/** Serialises the transactions that create the first administrator (taken inside one). */
export async function lockFirstAdmin(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(727002)');
}

/** Serialises the transactions that count administrators before removing one (taken inside one). */
export async function lockAdminCount(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(727003)');
}

/** Changes a user's own preferences. */
export async function updatePreferences(
  db: Queryable,
  id: string,
  p: { name?: string | undefined; timeZone?: string | undefined; showHolidays?: boolean | undefined },
): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(
    `update users set name = coalesce($2, name), time_zone = coalesce($3, time_zone),
       show_holidays = coalesce($4, show_holidays), updated_at = now() where id = $1 returning ${COLUMNS}`,
    [id, p.name ?? null, p.timeZone ?? null, p.showHolidays ?? null],
  );
  return r.rows[0];
}

export async function touchSignIn(db: Queryable, id: string): Promise<void> {
  await db.query('update users set last_sign_in_at = now() where id = $1', [id]);
}

/** Users ordered by name, then id; keyset-paginated on that order. */
export async function listUsers(db: Queryable, q: ListUsersQuery): Promise<Page<UserRow>> {
  const filter = new Filter();
  if (q.q) filter.add('(lower(name) like ? or email like ?)', containing(q.q));
  if (q.role) filter.add('role = ?', q.role);
  if (q.status !== 'all') filter.add('active = ?', q.status === 'active');
  return keysetPage<UserRow>(db, {
    columns: COLUMNS,
    from: 'from users',
    filter,
    orderBy: [
      { sql: 'lower(name)', kind: 'text' },
      { sql: 'id', kind: 'uuid' },
    ],
    page: q,
  });
}
