import type { NotificationChannel } from '@kalendaryo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db';
import { buildUser } from '../../test/factories';
import { type Channel, type OutgoingMessage, PermanentSendError } from './channel';
import { claimDue } from './deliveries.repository';
import { type LiveEvent, openLiveHub } from './live';
import { notify } from './outbox';
import { updatePreferences } from './preferences.service';
import { DeliveryWorker, retryDelay, type WorkerOptions } from './worker';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

/** A channel of this test: records what it is handed, failing as told first. */
function recordingChannel(name: NotificationChannel, failures: (Error | null)[] = [], configured = true) {
  const sent: OutgoingMessage[] = [];
  const channel: Channel = {
    name,
    configured,
    async send(m) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(m);
      return undefined;
    },
  };
  return { channel, sent };
}

/** A clock the test moves by hand. */
function clock(iso: string) {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => (now += ms),
    set: (at: string) => (now = Date.parse(at)),
  };
}

const deliveryOf = async (recipientId: string, channel: NotificationChannel, type = 'booking.approved') =>
  (
    await t.db.query<{ status: string; attempts: number; due_at: Date; last_error: string | null }>(
      `select d.status, d.attempts, d.due_at, d.last_error from deliveries d
         join notifications n on n.id = d.notification_id
        where n.recipient_id = $1 and d.channel = $2 and n.type = $3`,
      [recipientId, channel, type],
    )
  ).rows[0];

const worker = async (channels: Channel[], c: ReturnType<typeof clock>, extra: Partial<WorkerOptions> = {}) =>
  new DeliveryWorker({
    db: t.db,
    channels,
    live: await openLiveHub(null),
    publicUrl: 'https://calendar.oobc.example',
    now: c.now,
    baseDelayMs: 60_000,
    random: () => 0.5,
    ...extra,
  });

const approved = (recipientId: string, dueAt: Date, extra = {}) => ({
  recipientId,
  type: 'booking.approved' as const,
  title: 'Van 1 approved for Tue 8 Dec, 09:00',
  body: 'Your booking of Van 1 was approved.',
  path: '/bookings?id=1',
  dueAt,
  ...extra,
});

describe('the delivery worker', () => {
  it('sends due messages through their channels with an absolute link and a stable Message-ID', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db, { name: 'Amina Lidasan' });
    await notify(t.db, [approved(u.id, c.now())]);
    const email = recordingChannel('email');
    const live = await openLiveHub(null);
    const events: LiveEvent[] = [];
    live.subscribe(u.id, (e) => events.push(e));
    const w = await worker([email.channel], c, { live });
    await w.runOnce();
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      type: 'booking.approved',
      link: 'https://calendar.oobc.example/bookings?id=1',
      recipient: { id: u.id, name: 'Amina Lidasan', email: u.email, timeZone: 'Asia/Manila', phone: null },
    });
    expect(email.sent[0]!.messageId).toMatch(/^<[0-9a-f-]{36}@calendar\.oobc\.example>$/);
    expect((await deliveryOf(u.id, 'email'))?.status).toBe('sent');
    expect((await deliveryOf(u.id, 'in_app'))?.status).toBe('sent');
    expect(events.map((e) => e.event)).toEqual(['notification', 'unread']);
    expect(events[1]!.data).toEqual({ unread: 1 });
  });

  it('leaves messages that are not yet due', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db);
    await notify(t.db, [approved(u.id, new Date('2026-12-07T02:00:00Z'))]);
    const email = recordingChannel('email');
    const w = await worker([email.channel], c);
    await w.runOnce();
    expect(email.sent).toHaveLength(0);
    c.set('2026-12-07T02:00:00Z');
    await w.runOnce();
    expect(email.sent).toHaveLength(1);
  });

  it('retries a transient failure with growing, jittered waits, keeping the error and the count', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db);
    await notify(t.db, [approved(u.id, c.now())]);
    const email = recordingChannel('email', [new Error('421 try later'), new Error('connection reset')]);
    const w = await worker([email.channel], c);
    await w.runOnce();
    let d = await deliveryOf(u.id, 'email');
    expect(d).toMatchObject({ status: 'pending', attempts: 1, last_error: '421 try later' });
    expect(d!.due_at.getTime() - c.now().getTime()).toBe(45_000); // 60 s, jittered into 30–60 s
    c.advance(44_000);
    await w.runOnce();
    expect(email.sent).toHaveLength(0);
    c.advance(1000);
    await w.runOnce();
    d = await deliveryOf(u.id, 'email');
    expect(d).toMatchObject({ status: 'pending', attempts: 2, last_error: 'connection reset' });
    expect(d!.due_at.getTime() - c.now().getTime()).toBe(90_000); // doubled
    c.advance(90_000);
    await w.runOnce();
    expect(email.sent).toHaveLength(1);
    expect(await deliveryOf(u.id, 'email')).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
  });

  it('back-off doubles up to its cap and jitters within the upper half', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((a) => retryDelay(a, 1000, 5000, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 5000,
    ]);
  });

  it('gives up after the last attempt, and at once on a permanent failure; administrators see both', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db);
    const v = await buildUser(t.db);
    await notify(t.db, [approved(u.id, c.now())]);
    const flaky = recordingChannel('email', [new Error('down'), new Error('still down')]);
    const w = await worker([flaky.channel], c, { maxAttempts: 2 });
    await w.runOnce();
    c.advance(3_600_000);
    await w.runOnce();
    expect(await deliveryOf(u.id, 'email')).toMatchObject({
      status: 'failed',
      attempts: 2,
      last_error: 'still down',
    });

    await notify(t.db, [approved(v.id, c.now())]);
    const refusing = recordingChannel('email', [new PermanentSendError('550 no such mailbox')]);
    await (await worker([refusing.channel], c)).runOnce();
    expect(await deliveryOf(v.id, 'email')).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: '550 no such mailbox',
    });
  });

  it('skips deliveries of channels that are not configured, and still fills the inbox', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { channels: { 'booking.approved': ['email', 'sms'] } });
    await notify(t.db, [approved(u.id, c.now())]);
    const email = recordingChannel('email', [], false);
    await (await worker([email.channel], c)).runOnce();
    expect(await deliveryOf(u.id, 'email')).toMatchObject({
      status: 'skipped',
      last_error: 'email is not configured',
    });
    expect((await deliveryOf(u.id, 'sms'))?.status).toBe('skipped');
    expect((await deliveryOf(u.id, 'in_app'))?.status).toBe('sent');
    expect(email.sent).toHaveLength(0);
  });

  it('holds messages that fall in quiet hours until they end, in the person’s zone; exempt reminders go', async () => {
    // 23:00 in Manila: inside 22:00–07:00.
    const c = clock('2026-12-07T15:00:00Z');
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, { quietHours: { enabled: true, remindersExempt: true } });
    await notify(t.db, [
      approved(u.id, c.now()),
      {
        recipientId: u.id,
        type: 'reminder',
        title: 'Staff meeting in 15 minutes',
        body: 'Starts at 23:15.',
        path: '/calendar',
        dueAt: c.now(),
        key: '15',
      },
    ]);
    const email = recordingChannel('email');
    const w = await worker([email.channel], c);
    await w.runOnce();
    expect(email.sent.map((m) => m.type)).toEqual(['reminder']);
    const held = await deliveryOf(u.id, 'email');
    // 07:00 the next morning in Manila, and the deferral is no attempt.
    expect(held).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held?.due_at.toISOString()).toBe('2026-12-07T23:00:00.000Z');
    c.set('2026-12-07T22:59:00Z');
    await w.runOnce();
    expect(email.sent).toHaveLength(1);
    c.set('2026-12-07T23:00:00Z');
    await w.runOnce();
    expect(email.sent.map((m) => m.type)).toEqual(['reminder', 'booking.approved']);
  });

  it('holds reminders too when the person did not exempt them', async () => {
    const c = clock('2026-12-07T15:00:00Z');
    const u = await buildUser(t.db);
    await updatePreferences({ db: t.db }, u.id, {
      quietHours: { enabled: true, start: '21:00', end: '06:30', remindersExempt: false },
    });
    await notify(t.db, [
      {
        recipientId: u.id,
        type: 'reminder',
        title: 'R',
        body: 'B',
        path: '/calendar',
        dueAt: c.now(),
        key: '1',
      },
    ]);
    const email = recordingChannel('email');
    await (await worker([email.channel], c)).runOnce();
    expect(email.sent).toHaveLength(0);
    expect((await deliveryOf(u.id, 'email', 'reminder'))?.due_at.toISOString()).toBe(
      '2026-12-07T22:30:00.000Z',
    );
  });

  it('sends again a delivery whose claim expired (its worker died), and the dead claim cannot record', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const u = await buildUser(t.db);
    await notify(t.db, [approved(u.id, c.now())]);
    // A worker claims the delivery and dies before recording anything.
    const dead = await claimDue(t.db, {
      now: c.now(),
      limit: 1000,
      leaseMs: 60_000,
      token: crypto.randomUUID(),
    });
    expect(dead.some((d) => d.recipient_id === u.id)).toBe(true);
    const email = recordingChannel('email');
    const w = await worker([email.channel], c, { leaseMs: 60_000 });
    await w.runOnce();
    expect(email.sent.filter((m) => m.recipient.id === u.id)).toHaveLength(0);
    c.advance(60_000);
    await w.runOnce();
    expect(email.sent.filter((m) => m.recipient.id === u.id)).toHaveLength(1);
    expect(await deliveryOf(u.id, 'email')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two workers at once send each message once', async () => {
    const c = clock('2026-12-07T01:00:00Z');
    const users = await Promise.all(Array.from({ length: 5 }, () => buildUser(t.db)));
    await notify(
      t.db,
      users.flatMap((u) => Array.from({ length: 20 }, (_, i) => approved(u.id, c.now(), { key: `k${i}` }))),
    );
    const email = recordingChannel('email');
    const a = await worker([email.channel], c, { batchSize: 7 });
    const b = await worker([email.channel], c, { batchSize: 7 });
    const drain = async (w: DeliveryWorker) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all([drain(a), drain(b)]);
    const ids = email.sent.map((m) => m.deliveryId);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
  });
});
