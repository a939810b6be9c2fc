import type { Queryable } from './client';

/**
 * Runs `work` under a savepoint of the caller's transaction: when it throws, its own changes are
 * undone and the transaction can go on (PostgreSQL otherwise refuses every further statement of a
 * transaction after an error). The error is thrown on for the caller to judge.
 */
export async function inSavepoint<T>(tx: Queryable, work: () => Promise<T>): Promise<T> {
  await tx.query('savepoint kalendaryo_step');
  let result: T;
  try {
    result = await work();
  } catch (e) {
    try {
      await tx.query('rollback to savepoint kalendaryo_step');
    } catch {
      // The connection is gone: the original error says more.
    }
    throw e;
  }
  await tx.query('release savepoint kalendaryo_step');
  return result;
}
