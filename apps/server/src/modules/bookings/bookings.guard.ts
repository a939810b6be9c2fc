import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';

/** Attempts of a booking write before contention is answered as a conflict. */
export const MAX_ATTEMPTS = 5;

/** SQLSTATEs that mean "try the same transaction again": deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** Advisory-lock key space of booking writes, one lock per resource (see `lockResourceWrites`). */
const BOOKING_LOCK = 727_002;

/**
 * The lock that orders the writes adding bookings to one resource, as an SQL expression over the
 * parameter holding the resource id. The exclusion constraint is what forbids overlaps; this lock
 * only makes contenders queue instead of inserting side by side, where each would wait for the
 * other's uncommitted row and PostgreSQL would break the deadlock after `deadlock_timeout` (1 s):
 * a storm would cost seconds per request and drain the pool. Held to the end of the transaction
 * (of the statement, outside one), on every app server alike, PostgreSQL and PGlite.
 */
export const resourceLockSql = (param: string) =>
  `pg_advisory_xact_lock(${BOOKING_LOCK}, hashtext(${param}::text))`;

/** Takes the resource's write lock in the caller's transaction. */
export async function lockResourceWrites(tx: Queryable, resourceId: string): Promise<void> {
  await tx.query(`select ${resourceLockSql('$1')}`, [resourceId]);
}

/** How a guarded write ended: its value, an exclusion violation (the time is taken), or contention. */
export type Guarded<T> = { ok: true; value: T } | { ok: false; state: 'conflict' | 'contention' };

/**
 * Runs `write` (a statement or a transaction). An exclusion violation (23P01) ends it as
 * `conflict`; a deadlock or serialization failure is retried with jittered back-off and, when it
 * persists, ends as `contention`. Other errors are thrown.
 */
export async function withRetries<T>(write: () => Promise<T>, attempts = MAX_ATTEMPTS): Promise<Guarded<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await write() };
    } catch (e) {
      const state = sqlState(e);
      if (state === '23P01') return { ok: false, state: 'conflict' };
      if (!state || !RETRYABLE.has(state)) throw e;
      if (attempt >= attempts) return { ok: false, state: 'contention' };
      await sleep(Math.round(Math.random() * 20 * attempt));
    }
  }
}

/** `withRetries` of a transaction that first takes the resource's write lock. */
export function guardedWrite<T>(
  db: Db,
  resourceId: string,
  write: (tx: Queryable) => Promise<T>,
  attempts = MAX_ATTEMPTS,
): Promise<Guarded<T>> {
  return withRetries(
    () =>
      db.transaction(async (tx) => {
        await lockResourceWrites(tx, resourceId);
        return write(tx);
      }),
    attempts,
  );
}
