import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';
import { purgeDeletedItems, restoreItem } from './items.trash';
import { SNAPSHOT_TABLES } from './items.trash.repository';

let t: TestApp;
let admin: Who, coordinator: Who, amina: Who, omar: Who, vic: Who, stranger: Who;
beforeAll(async () => {
  t = await createTestApp();
  [admin, coordinator, amina, omar, vic, stranger] = await people(t, [
    'admin',
    'coordinator',
    'staff',
    'staff',
    'viewer',
    'staff',
  ]);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);
const DAY = 86_400_000;
const meta = { ip: '127.0.0.1' };

const meeting = {
  kind: 'event',
  title: 'Office-wide meeting',
  start: '2030-03-04T01:00:00Z',
  end: '2030-03-04T02:00:00Z',
  timeZone: 'Asia/Manila',
};
const create = async (who: Who, body: Record<string, unknown> = {}) => {
  const res = await req(who, 'POST', '/api/v1/items', { ...meeting, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; uid: string; version: number };
};
const restore = (who: Who, id: string) => req(who, 'POST', `/api/v1/items/${id}/restore`);
const remove = async (who: Who, id: string, query = '') =>
  expect((await req(who, 'DELETE', `/api/v1/items/${id}${query}`)).statusCode).toBe(204);

/** A shared calendar of `owner` that `members` may edit. */
async function sharedCalendar(owner: Who, members: Who[]) {
  const cal = (await req(owner, 'POST', '/api/v1/calendars', { name: 'Office' })).json() as { id: string };
  for (const m of members)
    await req(owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${m.user.id}`, { permission: 'edit' });
  return cal;
}

describe('restoring a deleted item', () => {
  it('brings back a series with its exceptions, details, participants and answers, under the same UID', async () => {
    const series = await create(amina, {
      title: 'Weekly staff meeting',
      rrule: 'FREQ=WEEKLY;COUNT=6',
      details: { eventType: 'training', agenda: 'Budget' },
    });
    const moved = await req(
      amina,
      'PATCH',
      `/api/v1/items/${series.id}?scope=this&occurrence=2030-03-11T09:00:00`,
      { title: 'Moved staff meeting', start: '2030-03-12T01:00:00Z', end: '2030-03-12T02:00:00Z' },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    await remove(amina, series.id, '?scope=this&occurrence=2030-03-18T09:00:00');
    expect(
      (await req(amina, 'POST', `/api/v1/items/${series.id}/participants`, { userId: omar.user.id }))
        .statusCode,
    ).toBe(201);
    expect((await req(omar, 'POST', `/api/v1/items/${series.id}/rsvp`, { status: 'going' })).statusCode).toBe(
      200,
    );
    const before = (await req(amina, 'GET', `/api/v1/items/${series.id}`)).json();

    await remove(amina, series.id, '?scope=all');
    expect((await req(amina, 'GET', `/api/v1/items/${series.id}`)).statusCode).toBe(404);
    const res = await restore(amina, series.id);
    expect(res.statusCode, res.body).toBe(200);
    const back = res.json();
    expect(back).toMatchObject({
      id: series.id,
      uid: series.uid,
      title: 'Weekly staff meeting',
      rrule: 'FREQ=WEEKLY;COUNT=6',
      details: { eventType: 'training', agenda: 'Budget' },
      exceptions: before.exceptions,
    });
    expect(back.exceptions).toHaveLength(2);
    // The version moves on, so clients that saw the deletion take the item as changed.
    expect(back.version).toBeGreaterThan(before.version);
    const list = (await req(omar, 'GET', `/api/v1/items/${series.id}/participants`)).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        userId: omar.user.id,
        rsvps: [expect.objectContaining({ status: 'going' })],
      }),
    ]);
    const week = await req(
      omar,
      'GET',
      '/api/v1/calendar?start=2030-03-10T00:00:00Z&end=2030-03-17T00:00:00Z&holidays=false',
    );
    expect(week.json().occurrences.map((o: { title: string }) => o.title)).toEqual(['Moved staff meeting']);
    const audit = await t.db.query<{ action: string }>(
      'select action from audit_log where entity_id = $1 order by id',
      [series.id],
    );
    expect(audit.rows.map((r) => r.action).slice(-2)).toEqual(['item.deleted', 'item.restored']);
  });

  it('brings back a recurring task with the occurrences already done', async () => {
    const task = await create(amina, {
      kind: 'task',
      title: 'Weekly report',
      rrule: 'FREQ=WEEKLY;COUNT=4',
      details: { assigneeId: omar.user.id, priority: 'high' },
    });
    const done = await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, {
      occurrence: '2030-03-04T09:00:00',
    });
    expect(done.statusCode, done.body).toBe(200);
    const before = (await req(amina, 'GET', `/api/v1/items/${task.id}`)).json();
    await remove(amina, task.id);
    const back = (await restore(amina, task.id)).json();
    expect(back.details).toEqual(before.details);
    const completions = await t.db.query<{ recurrence_id: Date }>(
      'select recurrence_id from task_completions where item_id = $1',
      [task.id],
    );
    expect(completions.rowCount).toBe(1);
  });

  it('brings back the reminders people set for it', async () => {
    const item = await create(amina, { reminders: [10, 1440] });
    const own = await req(amina, 'GET', `/api/v1/items/${item.id}/reminders`);
    expect(own.json()).toEqual({ minutes: [10, 1440], usesDefaults: false });
    await remove(amina, item.id);
    expect((await restore(amina, item.id)).statusCode).toBe(200);
    const back = await req(amina, 'GET', `/api/v1/items/${item.id}/reminders`);
    expect(back.json()).toEqual({ minutes: [10, 1440], usesDefaults: false });
  });

  it('answers 404 to a second restore, and of concurrent restores only one succeeds', async () => {
    const one = await create(amina);
    await remove(amina, one.id);
    expect((await restore(amina, one.id)).statusCode).toBe(200);
    const again = await restore(amina, one.id);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('item.not_found');

    const two = await create(amina);
    await remove(amina, two.id);
    const all = await Promise.all(Array.from({ length: 5 }, () => restore(amina, two.id)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 404, 404, 404, 404]);
    const rows = await t.db.query('select 1 from items where id = $1', [two.id]);
    expect(rows.rowCount).toBe(1);
  });

  it('is 404 for an item that was never deleted or never existed', async () => {
    const live = await create(amina);
    expect((await restore(amina, live.id)).statusCode).toBe(404);
    expect((await restore(amina, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('keeps the deleted item 30 days: after that it is 404 and the purge removes it', async () => {
    const old = await create(amina, { title: 'Old meeting' });
    await remove(amina, old.id);
    const later = new Date(Date.now() + 31 * DAY);
    await expect(restoreItem(t, actorOf(amina), old.id, meta, later)).rejects.toMatchObject({
      code: 'item.not_found',
    });
    // Within the 30 days it is listed; the purge at day 29 keeps it.
    expect(await purgeDeletedItems(t.db, new Date(Date.now() + 29 * DAY))).toBe(0);
    const listed = (await req(amina, 'GET', '/api/v1/items/deleted')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(old.id);
    expect(await purgeDeletedItems(t.db, later)).toBeGreaterThanOrEqual(1);
    expect((await restore(amina, old.id)).statusCode).toBe(404);
    const gone = (await req(amina, 'GET', '/api/v1/items/deleted')).json();
    expect(gone.items.map((i: { id: string }) => i.id)).not.toContain(old.id);
  });
});

describe('who restores', () => {
  it('refuses a viewer (403) and hides the deletion from a stranger (404)', async () => {
    const cal = await sharedCalendar(coordinator, [vic]);
    const item = await create(coordinator, { calendarId: cal.id });
    await remove(coordinator, item.id);
    const byViewer = await restore(vic, item.id);
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().code).toBe('auth.forbidden');
    expect((await req(vic, 'GET', '/api/v1/items/deleted')).json().items).toEqual([]);
    expect((await restore(stranger, item.id)).statusCode).toBe(404);
    expect((await req(stranger, 'GET', '/api/v1/items/deleted')).json().items).toEqual([]);
    expect((await restore(coordinator, item.id)).statusCode).toBe(200);
  });

  it('an editor cannot restore an office-wide meeting someone else organises; its manager can', async () => {
    const cal = await sharedCalendar(coordinator, [amina, omar]);
    const byOmar = await create(omar, { calendarId: cal.id });
    await remove(omar, byOmar.id);
    // Amina could not have deleted it (403 on delete), so for her there is nothing to restore.
    expect((await restore(amina, byOmar.id)).statusCode).toBe(404);
    const aminas = (await req(amina, 'GET', '/api/v1/items/deleted')).json();
    expect(aminas.items.map((i: { id: string }) => i.id)).not.toContain(byOmar.id);
    const managers = (await req(coordinator, 'GET', '/api/v1/items/deleted')).json();
    expect(managers.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: byOmar.id, deletedBy: omar.user.id })]),
    );
    expect((await restore(coordinator, byOmar.id)).statusCode).toBe(200);
    expect((await req(amina, 'GET', `/api/v1/items/${byOmar.id}`)).statusCode).toBe(200);
  });

  it('an administrator restores what they took down', async () => {
    const item = await create(amina, { visibility: 'public' });
    await remove(admin, item.id);
    expect((await restore(omar, item.id)).statusCode).toBe(404);
    expect((await restore(admin, item.id)).statusCode).toBe(200);
  });
});

describe('what changed while the item was deleted', () => {
  const leave = (who: Who, start: string, end: string) =>
    req(who, 'POST', '/api/v1/items', {
      kind: 'leave',
      title: 'Vacation',
      start,
      end,
      details: { leaveType: 'vacation' },
    });

  it('refuses restoring leave that now overlaps other leave (409) and keeps it restorable', async () => {
    const first = (await leave(amina, '2030-06-03', '2030-06-05')).json();
    await remove(amina, first.id);
    const second = (await leave(amina, '2030-06-04', '2030-06-06')).json();
    const res = await restore(amina, first.id);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('leave.overlap');
    expect((await req(amina, 'GET', `/api/v1/items/${first.id}`)).statusCode).toBe(404);
    expect((await req(amina, 'POST', `/api/v1/items/${second.id}/leave/cancel`, {})).statusCode).toBe(200);
    const back = await restore(amina, first.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().details).toMatchObject({ leaveType: 'vacation', approvalStatus: 'pending' });
  });

  it('restores the item without the bookings its deletion cancelled', async () => {
    const van = (
      await req(coordinator, 'POST', '/api/v1/resources', { name: 'Van', type: 'vehicle' })
    ).json();
    // Within the booking horizon: a month from now, on the hour.
    const start = new Date(Math.ceil((Date.now() + 30 * DAY) / 3_600_000) * 3_600_000);
    const times = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
    const item = await create(amina, times);
    const booked = await req(amina, 'POST', `/api/v1/items/${item.id}/bookings`, {
      resourceId: van.id,
      purpose: 'Trip to the meeting',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    await remove(amina, item.id);
    // Meanwhile someone else books the van at that time.
    const other = await req(omar, 'POST', '/api/v1/bookings', {
      resourceId: van.id,
      ...times,
      purpose: 'Supplies',
    });
    expect(other.statusCode, other.body).toBe(201);
    const back = await restore(amina, item.id);
    expect(back.statusCode).toBe(200);
    expect(back.json().cancelledBookings).toEqual([
      { id: booked.json().booked[0].id, resourceId: van.id, resourceName: 'Van', ...times },
    ]);
    const bookings = await t.db.query<{ status: string; requester_id: string }>(
      'select status, requester_id from bookings where resource_id = $1 order by created_at',
      [van.id],
    );
    expect(bookings.rows.map((b) => b.status)).toEqual(['cancelled', 'pending']);
  });

  it('restores the tail of a split series whose origin is deleted', async () => {
    const series = await create(amina, { rrule: 'FREQ=WEEKLY;COUNT=4' });
    const tail = await req(
      amina,
      'PATCH',
      `/api/v1/items/${series.id}?scope=future&occurrence=2030-03-18T09:00:00`,
      {
        title: 'Renamed meeting',
      },
    );
    expect(tail.statusCode, tail.body).toBe(200);
    const tailId = tail.json().id as string;
    expect(tailId).not.toBe(series.id);
    await remove(amina, tailId);
    await remove(amina, series.id);
    const back = await restore(amina, tailId);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ title: 'Renamed meeting', splitFromId: null });
  });
  it('leaves out what went meanwhile as the database would have: a removed account’s invitation, a task’s assignee', async () => {
    const [leaving] = await people(t, ['staff']);
    const task = await create(amina, {
      kind: 'task',
      title: 'Prepare the venue',
      details: { assigneeId: leaving.user.id },
    });
    const invite = (body: object) => req(amina, 'POST', `/api/v1/items/${task.id}/participants`, body);
    expect((await invite({ userId: leaving.user.id })).statusCode).toBe(201);
    expect((await invite({ guest: { name: 'Datu Guest' } })).statusCode).toBe(201);
    await remove(amina, task.id);
    await t.db.query('delete from users where id = $1', [leaving.user.id]);
    const back = await restore(amina, task.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().details.assigneeId).toBeNull();
    const list = (await req(amina, 'GET', `/api/v1/items/${task.id}/participants`)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['Datu Guest']);
  });
});

describe('the snapshot', () => {
  it('holds every table whose rows are deleted with an item', async () => {
    // Tables that cascade from items (directly or through participants). Standing booking
    // requests end with the item on purpose: restoring does not book resources again.
    const r = await t.db.query<{ table: string }>(
      `select distinct c.conrelid::regclass::text as table from pg_constraint c
        where c.contype = 'f' and c.confdeltype = 'c'
          and c.confrelid in ('items'::regclass, 'participants'::regclass)`,
    );
    const notRestored = ['booking_series'];
    expect(
      r.rows
        .map((x) => x.table)
        .filter((x) => !notRestored.includes(x))
        .sort(),
    ).toEqual(Object.keys(SNAPSHOT_TABLES).sort());
  });
});
