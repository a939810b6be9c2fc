import { setTimeout as sleep } from 'node:timers/promises';
import { sqlState } from './errors';

/**
 * SQLSTATEs that mean "the same transaction may succeed if run again": PostgreSQL broke a
 * deadlock (40P01) or could not serialise concurrent transactions (40001).
 */
const RETRYABLE = new Set(['40P01', '40001']);

/** Attempts in all (the first and the retries) before the failure is given up on. */
export const MAX_ATTEMPTS = 5;

/** True for a deadlock or serialization failure. */
export const isRetryable = (e: unknown): boolean => RETRYABLE.has(sqlState(e) ?? '');

export interface RetryPolicy {
  /** Attempts in all; default MAX_ATTEMPTS. */
  attempts?: number;
  /** Further errors worth another attempt, besides deadlocks and serialization failures. */
  also?: (e: unknown) => boolean;
  /** Upper bound of the random wait before attempt n, times n (ms); default 20. */
  jitterMs?: number;
}

/**
 * The one retry policy for conflicts between transactions: runs `work` (a statement or a whole
 * transaction) and, while it fails with a deadlock or serialization failure (or an error `also`
 * accepts), waits a random 0–jitter×n ms — so the contenders do not collide again in lock-step —
 * and runs it again, `attempts` times in all. The last error is thrown when every attempt failed;
 * any other error is thrown at once.
 */
export async function retrying<T>(work: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const attempts = policy.attempts ?? MAX_ATTEMPTS;
  const jitter = policy.jitterMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const again = isRetryable(e) || (policy.also?.(e) ?? false);
      if (!again || attempt >= attempts) throw e;
      await sleep(Math.round(Math.random() * jitter * attempt));
    }
  }
}
