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
 * Orders the transactions that add bookings to one resource. The exclusion constraint is what
 * forbids overlaps; this lock only makes contenders queue instead of inserting side by side,
 * where each would wait for the other's uncommitted row and PostgreSQL would break the deadlock
 * after `deadlock_timeout` (1 s) — a storm would cost seconds per request and drain the pool.
 * Held to the end of the transaction, on every app server alike (PostgreSQL and PGlite).
 */
export async function lockResourceWrites(tx: Queryable, resourceId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [BOOKING_LOCK, resourceId]);
}

/** How a guarded write ended: its value, or an exclusion violation (the time is taken). */
export type Guarded<T> = { ok: true; value: T } | { ok: false; state: 'conflict' | 'contention' };

/** Options of `guardedWrite`; `serialize: false` leaves contenders to the constraint alone. */
export interface GuardOptions {
  serialize?: boolean;
  attempts?: number;
}

/**
 * Runs `write` in a transaction holding the resource's write lock. An exclusion violation
 * (23P01) ends it as `conflict`; a deadlock or serialization failure is retried with jittered
 * back-off and, when it persists, ends as `contention`. Other errors are thrown.
 */
export async function guardedWrite<T>(
  db: Db,
  resourceId: string,
  write: (tx: Queryable) => Promise<T>,
  opts: GuardOptions = {},
): Promise<Guarded<T>> {
  const attempts = opts.attempts ?? MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await db.transaction(async (tx) => {
        if (opts.serialize !== false) await lockResourceWrites(tx, resourceId);
        return write(tx);
      });
      return { ok: true, value };
    } catch (e) {
      const state = sqlState(e);
      if (state === '23P01') return { ok: false, state: 'conflict' };
      if (!state || !RETRYABLE.has(state)) throw e;
      if (attempt >= attempts) return { ok: false, state: 'contention' };
      await sleep(Math.round(Math.random() * 20 * attempt));
    }
  }
}
