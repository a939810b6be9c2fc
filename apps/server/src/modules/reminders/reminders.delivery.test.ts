import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { DeliveryWorker, openLiveHub } from '../notifications';
import { scannedUpTo, weeklySeries } from './reminders.fixtures';
import { runReminders } from './reminders.jobs';

// The reminder job and the delivery worker together, on one injected clock.

let t: TestApp;
let ana: Who;
beforeAll(async () => {
  t = await createTestApp();
  [ana] = await people(t, ['staff']);
  await request(t, ana, 'PATCH', '/api/v1/auth/me', { timeZone: 'Europe/Berlin' });
});
afterAll(() => t.close());

describe('a reminder from the job to the inbox', () => {
  it('reaches the inbox once, at 08:45 Berlin summer time, for the 3rd weekly occurrence after the change', async () => {
    // Mondays 09:00 Berlin from 18 Mar 2030; summer time from 31 Mar, so the 3rd (1 Apr) is 07:00Z.
    await weeklySeries(t, ana, {
      start: '2030-03-18T09:00:00',
      zone: 'Europe/Berlin',
      title: 'Berlin standup',
    });
    let now = new Date('2030-04-01T06:30:00Z');
    const worker = new DeliveryWorker({
      db: t.db,
      channels: [],
      live: await openLiveHub(null),
      publicUrl: 'http://127.0.0.1',
      now: () => now,
    });
    const inApp = async () =>
      (
        await t.db.query<{ status: string; sent_at: Date | null }>(
          `select d.status, d.sent_at from deliveries d join notifications n on n.id = d.notification_id
            where n.recipient_id = $1 and n.type = 'reminder' and d.channel = 'in_app'`,
          [ana.user.id],
        )
      ).rows;
    await scannedUpTo(t.db, '2030-04-01T06:30:00Z');
    // Job and worker every 30 s, as `serve` runs them, from 06:30 to 07:00.
    for (let ms = now.getTime(); ms <= Date.parse('2030-04-01T07:00:00Z'); ms += 30_000) {
      now = new Date(ms);
      await runReminders(t.db, now);
      await worker.runOnce();
      const sent = (await inApp()).filter((d) => d.status === 'sent');
      if (ms < Date.parse('2030-04-01T06:45:00Z')) expect(sent, now.toISOString()).toEqual([]);
    }
    expect(await inApp()).toEqual([{ status: 'sent', sent_at: new Date('2030-04-01T06:45:00Z') }]);
    const n = await t.db.query<{ title: string }>(`select title from notifications where recipient_id = $1`, [
      ana.user.id,
    ]);
    expect(n.rows.map((r) => r.title)).toEqual(['Berlin standup — Mon 1 Apr, 09:00']);
  });
});
