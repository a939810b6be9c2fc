import type { Queryable } from '../../db/client';
import type { UserRow } from '../users';

export type SessionKind = 'cookie' | 'bearer';

export interface SessionWithUser {
  session_id: string;
  kind: SessionKind;
  csrf_token: string | null;
  expires_at: Date;
  user: UserRow;
}

export async function insertSession(
  db: Queryable,
  s: {
    userId: string;
    tokenHash: string;
    kind: SessionKind;
    csrfToken: string | null;
    days: number;
    ip?: string;
    userAgent?: string;
  },
): Promise<{ id: string; expires_at: Date }> {
  const r = await db.query<{ id: string; expires_at: Date }>(
    `insert into sessions (user_id, token_hash, kind, csrf_token, expires_at, ip, user_agent)
     values ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7) returning id, expires_at`,
    [s.userId, s.tokenHash, s.kind, s.csrfToken, s.days, s.ip ?? null, s.userAgent?.slice(0, 500) ?? null],
  );
  return r.rows[0]!;
}

/** How long a session may go unused before it ends, per kind, in seconds. */
export interface IdleLimits {
  cookieSeconds: number;
  bearerSeconds: number;
}

/**
 * The live session of a token hash with its user: not revoked, not past its absolute expiry, used
 * within its idle limit, user active. Marks it used at most once a minute (one cheap write per
 * session and minute, not one per request), which is what slides the idle limit.
 */
export async function findLiveSession(
  db: Queryable,
  tokenHash: string,
  idle: IdleLimits,
): Promise<SessionWithUser | undefined> {
  const r = await db.query<{
    session_id: string;
    kind: SessionKind;
    csrf_token: string | null;
    expires_at: Date;
    last_used_at: Date;
    user: UserRow;
  }>(
    `select s.id as session_id, s.kind, s.csrf_token, s.expires_at, s.last_used_at, to_jsonb(u.*) as user
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and u.active
        and s.last_used_at > now() - make_interval(secs => case when s.kind = 'cookie' then $2::int else $3::int end)`,
    [tokenHash, idle.cookieSeconds, idle.bearerSeconds],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  if (Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.query(
      `update sessions set last_used_at = now() where id = $1 and last_used_at < now() - interval '1 minute'`,
      [row.session_id],
    );
  }
  const u = row.user as unknown as Record<string, unknown>;
  return {
    session_id: row.session_id,
    kind: row.kind,
    csrf_token: row.csrf_token,
    expires_at: row.expires_at,
    user: {
      ...(u as unknown as UserRow),
      created_at: new Date(u.created_at as string),
      last_sign_in_at: u.last_sign_in_at ? new Date(u.last_sign_in_at as string) : null,
    },
  };
}

export async function revokeSession(db: Queryable, id: string): Promise<void> {
  await db.query('update sessions set revoked_at = now() where id = $1 and revoked_at is null', [id]);
}

/** Revokes every live session of a user, except `keep` when given. */
export async function revokeUserSessions(db: Queryable, userId: string, keep?: string): Promise<number> {
  const r = await db.query(
    'update sessions set revoked_at = now() where user_id = $1 and revoked_at is null and ($2::uuid is null or id <> $2::uuid)',
    [userId, keep ?? null],
  );
  return r.rowCount;
}
