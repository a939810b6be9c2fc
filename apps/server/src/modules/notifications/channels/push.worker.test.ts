import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/db';
import { buildUser } from '../../../test/factories';
import { startTestPushService, type TestPushService } from '../../../test/push-service';
import { openLiveHub } from '../live';
import { notify } from '../outbox';
import { updatePreferences } from '../preferences.service';
import { DeliveryWorker } from '../worker';
import { pushChannel } from './push';
import { pushTargetsOf, upsertPushSubscription } from './push.repository';

let t: TestDb;
const found = await startTestPushService();
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await found?.close();
  await t.close();
});

describe.skipIf(!found)('the delivery worker with the push channel', () => {
  const service = found as TestPushService;

  it('sends to each of the person’s browsers and deletes those the push service calls gone', async () => {
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { channels: { 'booking.approved': ['push'] } });
    const phone = service.browser(201);
    const laptop = service.browser(201);
    const old = service.browser(410);
    for (const b of [phone, laptop, old])
      await upsertPushSubscription(t.db, u.id, { endpoint: b.endpoint, keys: b.keys, userAgent: null });
    await notify(t.db, [
      {
        recipientId: u.id,
        type: 'booking.approved',
        title: 'Van 1 approved for Tue 8 Dec, 09:00',
        body: 'Your booking of Van 1 was approved.',
        path: '/bookings?booking=1',
      },
    ]);
    const worker = new DeliveryWorker({
      db: t.db,
      channels: [pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, { agent: service.agent })],
      live: await openLiveHub(null),
      publicUrl: 'https://calendar.oobc.example',
    });
    await worker.runOnce();

    for (const b of [phone, laptop]) {
      const got = service.received.filter((r) => b.endpoint.endsWith(r.path));
      expect(got).toHaveLength(1);
      expect(JSON.parse(got[0]!.payload)).toMatchObject({
        title: 'Van 1 approved for Tue 8 Dec, 09:00',
        link: 'https://calendar.oobc.example/bookings?booking=1',
      });
    }
    const status = await t.db.query<{ status: string }>(
      `select d.status from deliveries d join notifications n on n.id = d.notification_id
        where n.recipient_id = $1 and d.channel = 'push'`,
      [u.id],
    );
    expect(status.rows).toEqual([{ status: 'sent' }]);
    const left = (await pushTargetsOf(t.db, [u.id])).get(u.id)?.map((x) => x.endpoint);
    expect(left?.sort()).toEqual([phone.endpoint, laptop.endpoint].sort());
  });
});
