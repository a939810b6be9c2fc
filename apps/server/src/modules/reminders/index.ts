/**
 * The reminders module as the rest of the server uses it: the followers the items service calls
 * when items change, and the periodic jobs (reminders of every occurrence, the daily digest).
 * Only `http/app.ts` (routes, followers), `server.ts` and `cli.ts` (the timer) import it.
 */
export { DIGEST_LATE_MS, type DigestRun, runDigests } from './digest';
export { CATCH_UP_MS, LOOKAHEAD_MS } from './fire';
export { type ReminderRun, recomputeReminders, runReminders } from './reminders.jobs';
export { reminderFollowers, reminderParticipationFollowers, timeZoneChanged } from './reminders.service';
export { REMINDER_TICK_MS, startReminderTimer } from './reminders.timer';
