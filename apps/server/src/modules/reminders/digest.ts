import type { Preferences } from '@kalendaryo/contract';
import {
  addLocalDays,
  epochMsToLocal,
  isAppError,
  isRecurring,
  localToEpochMs,
  occurrencesInWindow,
} from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { exceptionOf, loadExceptions } from '../items';
import { type NotificationInput, notify, preferencesOf } from '../notifications';
import {
  bookingsDue,
  claimDigest,
  type DueBooking,
  itemsOfPerson,
  pendingDecisions,
  unansweredInvitations,
} from './digest.repository';
import { time } from './reminders.messages';
import { type ActiveUser, activeUsers, advanceJob, claimJob, peopleOf } from './reminders.repository';

/** A digest is sent up to this long after its time (downtime); later that day it is skipped. */
export const DIGEST_LATE_MS = 3 * 3_600_000;

const clock = time;
const dayName = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/**
 * The local date whose digest is due for a person at `nowMs`, or null: due from their digest time
 * (in their zone) for `DIGEST_LATE_MS`.
 */
export function digestDue(nowMs: number, zone: string, time: string): string | null {
  const local = epochMsToLocal(nowMs, zone);
  const date = local.slice(0, 10);
  const dueMs = localToEpochMs(`${date}T${time}:00`, zone);
  return nowMs >= dueMs && nowMs - dueMs < DIGEST_LATE_MS ? date : null;
}

interface DayEntry {
  startMs: number;
  label: string;
}

/** The person's occurrences on `date` (their zone), declined ones left out: "09:00 Team planning". */
async function itemsOfDay(tx: Queryable, user: ActiveUser, date: string): Promise<DayEntry[]> {
  const fromMs = localToEpochMs(`${date}T00:00:00`, user.time_zone);
  const toMs = localToEpochMs(`${addLocalDays(`${date}T00:00:00`, 1)}`, user.time_zone);
  const items = await itemsOfPerson(tx, user.id, new Date(fromMs), new Date(toMs));
  const answers = new Map(
    (
      await peopleOf(
        tx,
        items.map((i) => i.id),
      )
    )
      .filter((p) => p.user_id === user.id)
      .map((p) => [p.item_id, p.rsvps]),
  );
  const exceptions = await loadExceptions(
    tx,
    items.filter(isRecurring).map((i) => i.id),
  );
  const out: DayEntry[] = [];
  for (const item of items) {
    const times = { ...item, dtstart: item.dtstart, zone: item.time_zone, allDay: item.all_day };
    let found: ReturnType<typeof occurrencesInWindow>['occurrences'] = [];
    try {
      found = occurrencesInWindow(
        times,
        exceptions.filter((x) => x.item_id === item.id).map(exceptionOf),
        { fromMs: fromMs - 86_400_000, toMs: toMs + 86_400_000 },
        { limit: 500, floatingZone: user.time_zone, onBudget: 'truncate' },
      ).occurrences;
    } catch (e) {
      if (!isAppError(e)) throw e;
    }
    const rsvps = answers.get(item.id) ?? [];
    for (const o of found) {
      const key = isRecurring(item) ? o.recurrenceId : '';
      const answer = rsvps.find((r) => r.occurrence === key) ?? rsvps.find((r) => r.occurrence === '');
      if (answer?.status === 'declined' || o.exception?.status === 'cancelled') continue;
      const title = o.exception?.title ?? item.title;
      if (o.dates) {
        if (o.dates.start <= date && o.dates.end > date)
          out.push({ startMs: fromMs, label: `All day: ${title}` });
      } else if (o.startMs < toMs && o.endMs > fromMs) {
        out.push({
          startMs: o.startMs,
          label: `${clock(user.time_zone).format(new Date(o.startMs))} ${title}`,
        });
      }
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const waiting = (d: { bookings: number; leave: number }) =>
  [
    ...(d.bookings ? [plural(d.bookings, 'booking request')] : []),
    ...(d.leave ? [plural(d.leave, 'leave request')] : []),
  ].join(' and ');

/** The digest of one person for one local date. */
async function digestOf(
  tx: Queryable,
  user: ActiveUser,
  date: string,
  now: Date,
): Promise<NotificationInput> {
  const fromMs = localToEpochMs(`${date}T00:00:00`, user.time_zone);
  const toMs = localToEpochMs(addLocalDays(`${date}T00:00:00`, 1), user.time_zone);
  const items = await itemsOfDay(tx, user, date);
  const bookings = await bookingsDue(tx, user.id, new Date(fromMs), new Date(toMs));
  const decisions = await pendingDecisions(tx, user.id, user.role, now);
  const invitations = await unansweredInvitations(tx, user.id, now);
  const at = (d: Date) => clock(user.time_zone).format(d);
  const bookingLine = (b: DueBooking) =>
    b.due === 'back'
      ? `${b.resource} is due back at ${at(b.end_at)}`
      : `${b.resource} goes out at ${at(b.start_at)}${b.end_at.getTime() < toMs ? `, due back at ${at(b.end_at)}` : ''}`;
  const sentences = [
    items.length ? `Today: ${items.map((i) => i.label).join('; ')}.` : 'Nothing on your calendar today.',
    ...(bookings.length ? [`Bookings: ${bookings.map(bookingLine).join('; ')}.`] : []),
    ...(decisions.bookings + decisions.leave ? [`Waiting for your decision: ${waiting(decisions)}.`] : []),
    ...(invitations.count
      ? [`${plural(invitations.count, 'invitation')} to answer: ${invitations.titles.join('; ')}.`]
      : []),
  ];
  const counts = [
    plural(items.length, 'item'),
    ...(decisions.bookings + decisions.leave
      ? [plural(decisions.bookings + decisions.leave, 'decision')]
      : []),
    ...(invitations.count ? [plural(invitations.count, 'invitation')] : []),
  ];
  return {
    recipientId: user.id,
    type: 'digest',
    title: `Your day, ${dayName.format(new Date(`${date}T00:00:00Z`))}: ${counts.join(', ')}`,
    body: sentences.join(' '),
    path: `/calendar?date=${date}`,
    key: date,
    dueAt: now,
    data: {
      date,
      timeZone: user.time_zone,
      items: items.map((i) => i.label),
      bookings: bookings.map(bookingLine),
      pendingDecisions: decisions,
      invitations,
    },
  };
}

/** What one run of the digest job did. */
export interface DigestRun {
  skipped: boolean;
  sent: number;
}

/**
 * Sends each person with the digest on their digest once a day, at their digest time in their
 * zone (up to three hours late after downtime; later that day it is skipped). The claim of
 * (person, local date) and the notification are written in one transaction, so two servers or a
 * restart never send a day's digest twice; one instance at a time runs the job.
 */
export async function runDigests(db: Db, now: Date = new Date()): Promise<DigestRun> {
  return db.transaction(async (tx) => {
    if (!(await claimJob(tx, 'digest'))) return { skipped: true, sent: 0 };
    const users = await activeUsers(tx);
    const prefs: Map<string, Preferences> = await preferencesOf(
      tx,
      users.map((u) => u.id),
    );
    let sent = 0;
    for (const user of users) {
      const digest = prefs.get(user.id)?.digest;
      if (!digest?.enabled) continue;
      const date = digestDue(now.getTime(), user.time_zone, digest.time);
      if (!date || !(await claimDigest(tx, user.id, date))) continue;
      await notify(tx, [await digestOf(tx, user, date, now)]);
      sent++;
    }
    await advanceJob(tx, 'digest', now);
    return { skipped: false, sent };
  });
}
