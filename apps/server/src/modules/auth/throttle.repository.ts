import type { Queryable } from '../../db/client';

export interface ThrottlePolicy {
  /** Attempts that go ahead without waiting; the last of them starts the first wait. */
  freeAttempts: number;
  /** The first wait, in seconds; each further attempt doubles it… */
  firstDelaySeconds: number;
  /** …up to this longest wait between two attempts, in seconds. */
  maxDelaySeconds: number;
  /** The count starts again after this many minutes… */
  windowMinutes: number;
  /**
   * …counted from the first attempt (`fixed`: a shared address recovers every window however
   * busy it is) or from the latest attempt that went ahead (`idle`: someone who keeps guessing
   * at the slowest pace allowed never gets fresh free attempts).
   */
  reset: 'fixed' | 'idle';
}

/**
 * Counts one sign-in attempt for `key` before its password is checked, and says whether it may go
 * ahead: 0, or the seconds to wait. One statement: the upsert takes the key's row lock, so
 * parallel attempts are counted one after another and never all pass one check. The attempt that
 * uses up the free ones sets the first wait, each further one doubles it. An attempt refused
 * during a wait is not counted, so the wait after the latest allowed attempt is the longest anyone
 * can be kept out.
 */
export async function takeAttempt(db: Queryable, key: string, policy: ThrottlePolicy): Promise<number> {
  const expired = 't.window_start < now() - make_interval(mins => $4::int)';
  const count = `case when ${expired} then 1 else t.failures + 1 end`;
  const taken = await db.query(
    `insert into auth_throttle as t (key, failures, window_start, blocked_until)
     values ($1, 1, now(), case when $2::int <= 1 then now() + make_interval(secs => $6::float8) end)
     on conflict (key) do update set
       failures = ${count},
       window_start = case when ${expired} or $5::boolean then now() else t.window_start end,
       blocked_until = case when ${count} >= $2::int
         then now() + make_interval(secs => least($3::float8, $6::float8 * power(2, ${count} - $2::int)))
       end
     where t.blocked_until is null or t.blocked_until <= now()
     returning t.key`,
    [
      key,
      policy.freeAttempts,
      policy.maxDelaySeconds,
      policy.windowMinutes,
      policy.reset === 'idle',
      policy.firstDelaySeconds,
    ],
  );
  if (taken.rowCount > 0) return 0;
  const r = await db.query<{ s: number }>(
    'select greatest(1, ceil(extract(epoch from blocked_until - now())))::int as s from auth_throttle where key = $1',
    [key],
  );
  return r.rows[0]?.s ?? 1;
}

/**
 * Gives back the attempt of a sign-in that succeeded (a shared address is slowed by failures,
 * not by colleagues signing in), lifting the wait it may have started.
 */
export async function refundAttempt(db: Queryable, key: string, policy: ThrottlePolicy): Promise<void> {
  await db.query(
    `update auth_throttle set failures = greatest(failures - 1, 0),
       blocked_until = case when failures - 1 < $2::int then null else blocked_until end
     where key = $1`,
    [key, policy.freeAttempts],
  );
}

/** Forgets every attempt of `key` (the account's owner signed in the ordinary way). */
export async function clearAttempts(db: Queryable, key: string): Promise<void> {
  await db.query('delete from auth_throttle where key = $1', [key]);
}

/**
 * Deletes the counts nobody has added to for a day and that hold no wait: made-up emails tried
 * once would otherwise pile up for ever.
 */
export async function pruneAttempts(db: Queryable): Promise<number> {
  const r = await db.query(
    `delete from auth_throttle
      where window_start < now() - interval '1 day' and (blocked_until is null or blocked_until < now())`,
  );
  return r.rowCount;
}
