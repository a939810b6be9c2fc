import type { Db } from '../../db/client';
import { runDigests } from './digest';
import { runReminders } from './reminders.jobs';

/** Minimal logger the timer reports to. */
interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** How often the reminder and digest jobs run. */
export const REMINDER_TICK_MS = 30_000;

/**
 * Runs the reminder job and the digest job every `everyMs` (30 s) on an unref'd timer, in `serve`
 * and in `kalendaryo worker`; when several instances run it, the job rows let one work per tick.
 * Returns a function that stops it.
 */
export function startReminderTimer(db: Db, log: JobLog, everyMs = REMINDER_TICK_MS): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runReminders(db);
      if (r.enqueued) log.info({ job: 'reminders', enqueued: r.enqueued }, 'reminders enqueued');
      const d = await runDigests(db);
      if (d.sent) log.info({ job: 'digest', sent: d.sent }, 'daily digests enqueued');
    } catch (e) {
      log.error({ job: 'reminders', err: e }, 'reminder job failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), Math.min(5_000, everyMs));
  const timer = setInterval(() => void tick(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
