import type { Db } from '../../db/client';
import { actorOf, type Who } from '../../test/factories';
import { request, type TestApp } from '../../test/server';
import { combineFollowers } from '../items';
import { updateItem } from '../items/items.service';
import { reminderFollowers } from './reminders.service';

/** The reminder notifications enqueued (and not dropped), by fire time. */
export async function enqueuedReminders(db: Db, recipientId?: string) {
  const r = await db.query<{
    recipient_id: string;
    occurrence: string | null;
    due_at: Date;
    dedupe_key: string;
    title: string;
    body: string;
  }>(
    `select n.recipient_id, n.occurrence, n.due_at, n.dedupe_key, n.title, n.body from notifications n
      where n.type = 'reminder' and ($1::uuid is null or n.recipient_id = $1)
        and exists (select 1 from deliveries d where d.notification_id = n.id)
      order by n.due_at, n.recipient_id`,
    [recipientId ?? null],
  );
  return r.rows.map((x) => ({ ...x, due: x.due_at.toISOString() }));
}

/** What the delivery worker would have done by `iso`: every delivery due by then is sent. */
export async function sentUpTo(db: Db, iso: string) {
  await db.query(
    `update deliveries set status = 'sent', sent_at = $1 where status = 'pending' and due_at <= $1`,
    [iso],
  );
}

/** Puts the reminder job where a run at `iso` would have left it. */
export async function scannedUpTo(db: Db, iso: string) {
  await db.query(`update reminder_jobs set scanned_until = $1 where job = 'reminders'`, [iso]);
}

/** A weekly series on Tuesdays 09:00 in `zone`, organised by `who`, through the API. */
export async function weeklySeries(
  t: TestApp,
  who: Who,
  opts: { start: string; zone: string; reminders?: number[]; title?: string },
): Promise<{ id: string }> {
  const end = `${opts.start.slice(0, 11)}${String(Number(opts.start.slice(11, 13)) + 1).padStart(2, '0')}${opts.start.slice(13)}`;
  const res = await request(t, who, 'POST', '/api/v1/items', {
    kind: 'event',
    title: opts.title ?? 'Weekly planning',
    start: opts.start,
    end,
    timeZone: opts.zone,
    rrule: 'FREQ=WEEKLY;COUNT=10',
    ...(opts.reminders ? { reminders: opts.reminders } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json();
}

/** Edits an item through the items service with the reminder followers on a given clock. */
export const editAt = (
  t: TestApp,
  who: Who,
  now: string,
  id: string,
  patch: Parameters<typeof updateItem>[3],
  scope: { scope: 'this' | 'future' | 'all'; occurrence?: string },
) =>
  updateItem(
    { db: t.db, followers: combineFollowers(reminderFollowers(() => new Date(now))) },
    actorOf(who),
    id,
    patch,
    scope,
    { ip: 'test' },
  );
