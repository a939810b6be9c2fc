import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { openLiveHub } from './live';
import { notify } from './outbox';
import { DeliveryWorker } from './worker';

let t: TestApp;
let amina: Who;
let ben: Who;
let admin: Who;
beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://calendar.oobc.example' });
  [amina, ben, admin] = await people(t, ['staff', 'staff', 'admin']);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const msg = (recipientId: string, title: string, dueAt: Date) => ({
  recipientId,
  type: 'task.assigned' as const,
  title,
  body: 'Prepare the attendance sheets.',
  path: `/tasks?title=${encodeURIComponent(title)}`,
  dueAt,
});

describe('the inbox', () => {
  it('lists my messages already due, newest first, with absolute links, page by page', async () => {
    const now = Date.now();
    await notify(t.db, [
      msg(amina.user.id, 'oldest', new Date(now - 3 * HOUR)),
      msg(amina.user.id, 'middle', new Date(now - 2 * HOUR)),
      msg(amina.user.id, 'newest', new Date(now - HOUR)),
      msg(amina.user.id, 'tomorrow', new Date(now + 24 * HOUR)),
      msg(ben.user.id, 'for Ben', new Date(now - HOUR)),
    ]);
    const first = await request(t, amina, 'GET', '/api/v1/notifications?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((n: { title: string }) => n.title)).toEqual(['newest', 'middle']);
    expect(first.json().items[0]).toMatchObject({
      type: 'task.assigned',
      link: 'https://calendar.oobc.example/tasks?title=newest',
      readAt: null,
      itemId: null,
    });
    const next = await request(
      t,
      amina,
      'GET',
      `/api/v1/notifications?limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(next.json()).toMatchObject({ items: [{ title: 'oldest' }], nextCursor: null });
    const forged = await request(t, amina, 'GET', '/api/v1/notifications?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('pagination.invalid_cursor');
  });

  it('counts and lists unread ones, marks one read (first reading kept) and then all', async () => {
    const count = async () => (await request(t, amina, 'GET', '/api/v1/notifications/unread-count')).json();
    expect(await count()).toEqual({ unread: 3 });
    const [newest] = (await request(t, amina, 'GET', '/api/v1/notifications')).json().items;
    const read = await request(t, amina, 'POST', `/api/v1/notifications/${newest.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const again = await request(t, amina, 'POST', `/api/v1/notifications/${newest.id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);
    expect(await count()).toEqual({ unread: 2 });
    const unread = await request(t, amina, 'GET', '/api/v1/notifications?unread=true');
    expect(unread.json().items.map((n: { title: string }) => n.title)).toEqual(['middle', 'oldest']);
    const all = await request(t, amina, 'POST', '/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ marked: 2 });
    expect(await count()).toEqual({ unread: 0 });
    // Ben's message is still unread.
    expect((await request(t, ben, 'GET', '/api/v1/notifications/unread-count')).json()).toEqual({
      unread: 1,
    });
  });

  it('answers 404 for another person’s message, and for one not yet due', async () => {
    const [bens] = (await request(t, ben, 'GET', '/api/v1/notifications')).json().items;
    const res = await request(t, amina, 'POST', `/api/v1/notifications/${bens.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('notification.not_found');
    const future = await t.db.query<{ id: string }>("select id from notifications where title = 'tomorrow'");
    const early = await request(t, amina, 'POST', `/api/v1/notifications/${future.rows[0]!.id}/read`);
    expect(early.statusCode).toBe(404);
    expect((await request(t, ben, 'GET', '/api/v1/notifications/unread-count')).json()).toEqual({
      unread: 1,
    });
  });
});

describe('preferences', () => {
  it('start from the defaults and change only what is sent', async () => {
    const initial = await request(t, ben, 'GET', '/api/v1/preferences');
    expect(initial.json()).toMatchObject({
      defaultReminders: [15],
      quietHours: { enabled: false, start: '22:00', end: '07:00', remindersExempt: true },
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
      digest: { enabled: false, time: '07:00' },
      phone: null,
    });
    expect(initial.json().channels['booking.approved']).toEqual(['in_app', 'email']);
    const res = await request(t, ben, 'PATCH', '/api/v1/preferences', {
      channels: { reminder: ['push', 'sms', 'push'] },
      defaultReminders: [1440, 15, 15],
      quietHours: { enabled: true },
      digest: { enabled: true, time: '06:30' },
      phone: '+639171234567',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      defaultReminders: [15, 1440],
      quietHours: { enabled: true, start: '22:00', end: '07:00' },
      digest: { enabled: true, time: '06:30' },
      phone: '+639171234567',
    });
    expect(res.json().channels.reminder).toEqual(['in_app', 'push', 'sms']);
    expect(res.json().channels['booking.approved']).toEqual(['in_app', 'email']);
    expect((await request(t, ben, 'GET', '/api/v1/preferences')).json()).toEqual(res.json());
    // Someone else's are untouched.
    expect((await request(t, amina, 'GET', '/api/v1/preferences')).json().phone).toBeNull();
  });

  it('refuses malformed values (422 with the fields) and contradictions (preferences.invalid), changing nothing', async () => {
    const before = (await request(t, ben, 'GET', '/api/v1/preferences')).json();
    const bad = await request(t, ben, 'PATCH', '/api/v1/preferences', {
      phone: '0917 123 4567',
      quietHours: { start: '25:00' },
      defaultReminders: [-5],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('request.invalid');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'quietHours.start', 'defaultReminders.0']));
    const same = await request(t, ben, 'PATCH', '/api/v1/preferences', {
      quietHours: { start: '07:00' },
      digest: { time: '08:00' },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json()).toMatchObject({
      code: 'preferences.invalid',
      errors: [{ field: 'quietHours.end' }],
    });
    const hours = await request(t, ben, 'PATCH', '/api/v1/preferences', {
      workingHours: { start: '17:00', end: '08:00' },
    });
    expect(hours.json()).toMatchObject({
      code: 'preferences.invalid',
      errors: [{ field: 'workingHours.end' }],
    });
    expect((await request(t, ben, 'PATCH', '/api/v1/preferences', { colour: 'red' })).statusCode).toBe(422);
    expect((await request(t, ben, 'GET', '/api/v1/preferences')).json()).toEqual(before);
  });
});

describe('failed deliveries', () => {
  it('are listed for administrators with the error and attempts, and for nobody else', async () => {
    await notify(t.db, [msg(amina.user.id, 'undeliverable', new Date())]);
    const worker = new DeliveryWorker({
      db: t.db,
      channels: [
        {
          name: 'email',
          configured: true,
          send: async () => {
            throw new Error('421 mail server busy');
          },
        },
      ],
      live: await openLiveHub(null),
      publicUrl: t.config.publicUrl,
      maxAttempts: 1,
    });
    await worker.runOnce();
    const res = await request(t, admin, 'GET', '/api/v1/admin/deliveries?status=failed');
    expect(res.statusCode, res.body).toBe(200);
    // Every email so far failed (those of the tests above too).
    const undeliverable = await t.db.query<{ id: string }>(
      "select id from notifications where title = 'undeliverable'",
    );
    const items = res.json().items as { notificationId: string; status: string }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items.find((d) => d.notificationId === undeliverable.rows[0]!.id)).toEqual(
      expect.objectContaining({
        recipientId: amina.user.id,
        channel: 'email',
        type: 'task.assigned',
        attempts: 1,
        lastError: '421 mail server busy',
      }),
    );
    const staff = await request(t, amina, 'GET', '/api/v1/admin/deliveries');
    expect(staff.statusCode).toBe(403);
    expect(staff.json().code).toBe('auth.forbidden');
  });
});
