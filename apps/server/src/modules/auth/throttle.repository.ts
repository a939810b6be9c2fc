import type { Queryable } from '../../db/client';

/** Failures inside this window count together. */
const WINDOW_MINUTES = 15;

export interface ThrottlePolicy {
  /** Failures allowed in the window before each further attempt must wait. */
  freeFailures: number;
  /** Longest wait, in seconds. */
  maxDelaySeconds: number;
}

/** Seconds until `key` may try again, or 0. */
export async function blockedFor(db: Queryable, key: string): Promise<number> {
  const r = await db.query<{ s: number }>(
    'select ceil(extract(epoch from blocked_until - now()))::int as s from auth_throttle where key = $1 and blocked_until > now()',
    [key],
  );
  return r.rows[0]?.s ?? 0;
}

/**
 * Counts one failure for `key` atomically and sets the wait before its next attempt: after the
 * free failures, 1 s doubled per further failure up to the policy's maximum.
 */
export async function recordFailure(db: Queryable, key: string, policy: ThrottlePolicy): Promise<void> {
  await db.query(
    `insert into auth_throttle as t (key, failures, window_start, blocked_until) values ($1, 1, now(), null)
     on conflict (key) do update set
       failures = case when t.window_start < now() - make_interval(mins => $2) then 1 else t.failures + 1 end,
       window_start = case when t.window_start < now() - make_interval(mins => $2) then now() else t.window_start end,
       blocked_until = case
         when t.window_start < now() - make_interval(mins => $2) then null
         when t.failures + 1 > $3 then now() + make_interval(secs => least($4, power(2, t.failures + 1 - $3 - 1)))
         else t.blocked_until end`,
    [key, WINDOW_MINUTES, policy.freeFailures, policy.maxDelaySeconds],
  );
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('delete from auth_throttle where key = $1', [key]);
}
