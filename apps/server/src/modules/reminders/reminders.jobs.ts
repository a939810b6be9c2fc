import type { Preferences } from '@kalendaryo/contract';
import { type EpochWindow, isRecurring, type SeriesTimes } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { exceptionOf, loadExceptions } from '../items';
import { cancelPendingNotifications, type NotificationInput, notify, preferencesOf } from '../notifications';
import {
  type DueReminder,
  dueReminders,
  LOOKAHEAD_MS,
  type ReminderPerson,
  scanWindow,
  startWindows,
  ZONE_SLACK_MS,
} from './fire';
import { reminderNotification } from './reminders.messages';
import {
  activeUsers,
  advanceJob,
  candidateItems,
  claimJob,
  explicitMinutes,
  type ItemPersonRow,
  itemsByIds,
  peopleOf,
  type ReminderItemRow,
  scannedUntil,
} from './reminders.repository';

/**
 * A change re-enqueues reminders from now on: one whose fire time has just passed is not sent
 * late with a "starts in" that is no longer true.
 */
const RECOMPUTE_GRACE_MS = 0;
/** Default reminders of someone the preferences do not know (the documented default). */
const DEFAULT_MINUTES = [15];
/** Notifications written per statement batch. */
const CHUNK = 2000;

const timesOf = (i: ReminderItemRow): SeriesTimes & { status: string } => ({
  dtstart: i.dtstart,
  dtend: i.dtend,
  zone: i.time_zone,
  allDay: i.all_day,
  rrule: i.rrule,
  exdates: i.exdates,
  rdates: i.rdates,
  status: i.status,
});

/**
 * The minutes a person is reminded at: their own for the item (while they are involved or still
 * see it), else their defaults when they organise, are assigned or are invited (leave excepted).
 */
function minutesOf(
  item: ReminderItemRow,
  p: ItemPersonRow,
  prefs: Map<string, Preferences>,
): readonly number[] {
  if (p.minutes) return p.involved || p.sees ? p.minutes : [];
  if (!p.involved || item.kind === 'leave') return [];
  return prefs.get(p.user_id)?.defaultReminders ?? DEFAULT_MINUTES;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/** Whether the person declined an occurrence: its own answer, else their answer for every occurrence. */
const declinedBy = (p: ItemPersonRow, series: boolean) => (rid: string) => {
  const key = series ? rid : '';
  const own = p.rsvps.find((r) => r.occurrence === key) ?? p.rsvps.find((r) => r.occurrence === '');
  return own?.status === 'declined';
};

/** The reminder notifications of `items` that fire within `fire` (for `onlyUserId`, when given). */
async function remindersOf(
  tx: Queryable,
  items: readonly ReminderItemRow[],
  fire: EpochWindow,
  onlyUserId?: string,
  knownPrefs?: Map<string, Preferences>,
): Promise<NotificationInput[]> {
  if (items.length === 0) return [];
  const people = (
    await peopleOf(
      tx,
      items.map((i) => i.id),
    )
  ).filter((p) => !onlyUserId || p.user_id === onlyUserId);
  const prefs = knownPrefs ?? (await preferencesOf(tx, [...new Set(people.map((p) => p.user_id))]));
  const exceptions = await loadExceptions(
    tx,
    items.filter(isRecurring).map((i) => i.id),
  );
  const byItem = groupBy(people, (p) => p.item_id);
  const exceptionsOf = groupBy(exceptions, (x) => x.item_id);
  const out: NotificationInput[] = [];
  for (const item of items) {
    const series = isRecurring(item);
    const zones = new Map<string, string>();
    const persons: ReminderPerson[] = [];
    for (const p of byItem.get(item.id) ?? []) {
      const minutes = minutesOf(item, p, prefs);
      if (minutes.length === 0) continue;
      zones.set(p.user_id, p.time_zone);
      persons.push({ userId: p.user_id, zone: p.time_zone, minutes, declined: declinedBy(p, series) });
    }
    if (persons.length === 0) continue;
    const own = (exceptionsOf.get(item.id) ?? []).map(exceptionOf);
    const due: DueReminder[] = dueReminders(timesOf(item), own, persons, fire);
    for (const d of due) out.push(reminderNotification(item, d, zones.get(d.userId) ?? 'UTC', series));
  }
  return out;
}

async function enqueue(tx: Queryable, inputs: readonly NotificationInput[]) {
  for (let i = 0; i < inputs.length; i += CHUNK) await notify(tx, inputs.slice(i, i + CHUNK));
}

/** What one run of the reminder job did. */
export interface ReminderRun {
  /** Another instance holds the job: this one did nothing. */
  skipped: boolean;
  enqueued: number;
  from?: Date;
  to?: Date;
}

/**
 * Enqueues the reminders that fire from where the last run stopped to a little after `now`, for
 * every occurrence of every item, in one transaction with the job's progress. One instance at a
 * time does it (the job row, FOR UPDATE SKIP LOCKED); after downtime, reminders up to an hour
 * late are still sent and older ones are not. Candidate items are found through the span index,
 * once per distinct minutes value in use (own reminders and everyone's defaults).
 */
export async function runReminders(db: Db, now: Date = new Date()): Promise<ReminderRun> {
  return db.transaction(async (tx) => {
    const until = await claimJob(tx, 'reminders');
    if (!until) return { skipped: true, enqueued: 0 };
    const fire = scanWindow(until.getTime(), now.getTime());
    if (!fire) return { skipped: false, enqueued: 0 };
    const users = await activeUsers(tx);
    const prefs = await preferencesOf(
      tx,
      users.map((u) => u.id),
    );
    const minutes = new Set(await explicitMinutes(tx));
    for (const u of users)
      for (const m of prefs.get(u.id)?.defaultReminders ?? DEFAULT_MINUTES) minutes.add(m);
    const items = await candidateItems(
      tx,
      startWindows(fire, minutes),
      startWindows(fire, minutes, ZONE_SLACK_MS),
    );
    const inputs = await remindersOf(tx, items, fire, undefined, prefs);
    await enqueue(tx, inputs);
    const to = new Date(fire.toMs);
    await advanceJob(tx, 'reminders', to);
    return { skipped: false, enqueued: inputs.length, from: new Date(fire.fromMs), to };
  });
}

/**
 * After a change of items (times, occurrences, people, someone's reminders), in its transaction:
 * drops their reminders already enqueued and not yet sent (of `onlyUserId`, when given) and
 * enqueues again those due up to where the job has looked. Waits for a run in progress, so the
 * job never enqueues what the change just replaced.
 */
export async function recomputeReminders(
  tx: Queryable,
  itemIds: readonly string[],
  now: Date,
  onlyUserId?: string,
): Promise<void> {
  const until = await scannedUntil(tx);
  for (const itemId of new Set(itemIds))
    await cancelPendingNotifications(tx, {
      itemId,
      types: ['reminder'],
      ...(onlyUserId ? { recipientId: onlyUserId } : {}),
    });
  const fromMs = now.getTime() - RECOMPUTE_GRACE_MS;
  // The job looks only LOOKAHEAD_MS ahead; the cap bounds the work should clocks disagree.
  const toMs = Math.min(until?.getTime() ?? 0, now.getTime() + 5 * LOOKAHEAD_MS);
  if (toMs <= fromMs) return;
  const items = await itemsByIds(tx, [...new Set(itemIds)]);
  await enqueue(tx, await remindersOf(tx, items, { fromMs, toMs }, onlyUserId));
}
