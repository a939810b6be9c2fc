import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db';
import { buildUser } from '../../test/factories';
import { cancelPendingNotifications, notify, preferencesOf } from './index';
import { updatePreferences } from './preferences.service';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const deliveriesOf = async (recipientId: string) =>
  (
    await t.db.query<{ channel: string; status: string; type: string; idempotency_key: string }>(
      `select d.channel, d.status, n.type, d.idempotency_key from deliveries d
         join notifications n on n.id = d.notification_id where n.recipient_id = $1 order by d.channel`,
      [recipientId],
    )
  ).rows;

const message = (recipientId: string, extra: Record<string, unknown> = {}) => ({
  recipientId,
  type: 'booking.approved' as const,
  title: 'Van 1 approved for Tue 8 Dec, 09:00',
  body: 'Your booking of Van 1 was approved.',
  path: '/bookings',
  ...extra,
});

describe('notify (the outbox face)', () => {
  it('writes a notification and one pending delivery per channel: inbox and email by default', async () => {
    const u = await buildUser(t.db);
    await t.db.transaction((tx) => notify(tx, [message(u.id)]));
    const rows = await deliveriesOf(u.id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['email', 'pending'],
      ['in_app', 'pending'],
    ]);
  });

  it('follows the recipient’s channels per type, the inbox always included', async () => {
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { channels: { 'booking.approved': ['sms', 'push'] } });
    await notify(t.db, [message(u.id)]);
    expect((await deliveriesOf(u.id)).map((r) => r.channel)).toEqual(['in_app', 'push', 'sms']);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const u = await buildUser(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, [message(u.id)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(u.id)).toEqual([]);
  });

  it('enqueues the same message once, however often it is notified; another key is another message', async () => {
    const u = await buildUser(t.db);
    const same = message(u.id, { key: 'seq-1' });
    await notify(t.db, [same, same]);
    await notify(t.db, [same]);
    expect(await deliveriesOf(u.id)).toHaveLength(2);
    await notify(t.db, [message(u.id, { key: 'seq-2' })]);
    expect(await deliveriesOf(u.id)).toHaveLength(4);
    const keys = (await deliveriesOf(u.id)).map((r) => r.idempotency_key);
    expect(new Set(keys).size).toBe(4);
  });

  it('cancels deliveries not yet sent, and frees the key of messages not yet due', async () => {
    const u = await buildUser(t.db);
    const item = await t.db.query<{ id: string }>(
      `insert into items (calendar_id, kind, title, dtstart, dtend, start_at, end_at, uid, organizer_id)
         select c.id, 'event', 'Weekly meeting', '2026-12-08T09:00', '2026-12-08T10:00',
                '2026-12-08T01:00Z', '2026-12-08T02:00Z', gen_random_uuid()::text, $1
         from calendars c where c.owner_id = $1 limit 1 returning id`,
      [u.id],
    );
    const itemId = item.rows[0]!.id;
    const reminder = {
      recipientId: u.id,
      type: 'reminder' as const,
      title: 'Weekly meeting in 15 minutes',
      body: 'Starts at 09:00.',
      path: `/calendar?item=${itemId}`,
      itemId,
      occurrence: '2026-12-08T01:00:00Z',
      dueAt: new Date(Date.now() + 3600_000),
      key: '15',
    };
    await notify(t.db, [reminder, { ...reminder, occurrence: '2026-12-15T01:00:00Z' }]);
    expect(
      await cancelPendingNotifications(t.db, {
        itemId,
        types: ['reminder'],
        occurrence: '2026-12-08T01:00:00Z',
      }),
    ).toBe(2);
    expect(await deliveriesOf(u.id)).toHaveLength(2);
    expect(await cancelPendingNotifications(t.db, { itemId, types: ['reminder'] })).toBe(2);
    expect(await deliveriesOf(u.id)).toHaveLength(0);
    await notify(t.db, [reminder]);
    expect(await deliveriesOf(u.id)).toHaveLength(2);
  });

  it('gives defaults to people without preferences', async () => {
    const u = await buildUser(t.db);
    const p = (await preferencesOf(t.db, [u.id])).get(u.id)!;
    expect(p).toMatchObject({
      defaultReminders: [15],
      quietHours: { enabled: false, start: '22:00', end: '07:00', remindersExempt: true },
      digest: { enabled: false, time: '07:00' },
      phone: null,
    });
    expect(p.channels.reminder).toEqual(['in_app', 'email']);
  });
});
