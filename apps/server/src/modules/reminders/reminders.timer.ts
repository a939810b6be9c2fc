import type { Db } from '../../db/client';
import { type JobLog, startPeriodic } from '../periodic';
import { runDigests } from './digest';
import { runReminders } from './reminders.jobs';

/** How often the reminder and digest jobs run. */
export const REMINDER_TICK_MS = 30_000;

/**
 * Runs the reminder job and the digest job every `everyMs` (30 s) on an unref'd timer, in `serve`
 * and in `kalendaryo worker`; when several instances run it, the job rows let one work per tick.
 * Returns a function that stops it.
 */
export function startReminderTimer(db: Db, log: JobLog, everyMs = REMINDER_TICK_MS): () => void {
  return startPeriodic({
    job: 'reminders',
    everyMs,
    firstMs: 5_000,
    log,
    run: async () => {
      const r = await runReminders(db);
      const d = await runDigests(db);
      return r.enqueued || d.sent
        ? { msg: 'reminders and digests enqueued', data: { enqueued: r.enqueued, digests: d.sent } }
        : null;
    },
  });
}
