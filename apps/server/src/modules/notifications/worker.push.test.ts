import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db';
import { buildUser } from '../../test/factories';
import { startTestPushService, type TestPushService } from '../../test/push-service';
import { pushChannel } from './channels/push';
import { pushTargetsOf, upsertPushSubscription } from './channels/push.repository';
import { openLiveHub } from './live';
import { notify } from './outbox';
import { updatePreferences } from './preferences.service';
import { DeliveryWorker } from './worker';

/** The worker hands the push channel the person's browsers and forgets those that are gone. */
const found = await startTestPushService();
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await found?.close();
  await t.close();
});

const statusOf = async (recipientId: string, channel: string) =>
  (
    await t.db.query<{ status: string; last_error: string | null }>(
      `select d.status, d.last_error from deliveries d join notifications n on n.id = d.notification_id
        where n.recipient_id = $1 and d.channel = $2`,
      [recipientId, channel],
    )
  ).rows[0];

const approved = (recipientId: string) => ({
  recipientId,
  type: 'booking.approved' as const,
  title: 'Van 1 approved for Tue 8 Dec, 09:00',
  body: 'Your booking of Van 1 was approved.',
  path: '/bookings',
});

describe.skipIf(!found)('push through the worker (a push service on this machine)', () => {
  const service = found as TestPushService;
  const worker = async () =>
    new DeliveryWorker({
      db: t.db,
      channels: [pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, { agent: service.agent })],
      live: await openLiveHub(null),
      publicUrl: 'https://calendar.oobc.example',
    });

  it('sends to each of the person’s browsers and deletes the ones the push service says are gone', async () => {
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { channels: { 'booking.approved': ['push'] } });
    const [live, gone] = [service.browser(201), service.browser(410)];
    for (const b of [live, gone])
      await upsertPushSubscription(t.db, u.id, { endpoint: b.endpoint, keys: b.keys, userAgent: null });
    await notify(t.db, [approved(u.id)]);
    await (await worker()).runOnce();
    expect(await statusOf(u.id, 'push')).toMatchObject({ status: 'sent' });
    const got = service.received.find((r) => live.endpoint.endsWith(r.path));
    expect(JSON.parse(got!.payload)).toMatchObject({
      title: 'Van 1 approved for Tue 8 Dec, 09:00',
      link: 'https://calendar.oobc.example/bookings',
    });
    const left = (await pushTargetsOf(t.db, [u.id])).get(u.id) ?? [];
    expect(left.map((x) => x.endpoint)).toEqual([live.endpoint]);
  });

  it('skips push for someone with no browser subscribed, and SMS for someone without a number', async () => {
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { channels: { 'booking.approved': ['push', 'sms'] } });
    await notify(t.db, [approved(u.id)]);
    const w = new DeliveryWorker({
      db: t.db,
      channels: [
        pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, { agent: service.agent }),
        { name: 'sms', configured: true, send: async () => undefined },
      ],
      live: await openLiveHub(null),
      publicUrl: 'https://calendar.oobc.example',
    });
    await w.runOnce();
    expect(await statusOf(u.id, 'push')).toEqual({
      status: 'skipped',
      last_error: 'the recipient has no browser subscribed',
    });
    expect(await statusOf(u.id, 'sms')).toEqual({
      status: 'skipped',
      last_error: 'the recipient has given no phone number',
    });
  });
});
