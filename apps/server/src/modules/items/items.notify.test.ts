import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let organiser: Who, amina: Who, omar: Who, coordinator: Who;
beforeAll(async () => {
  t = await createTestApp();
  [organiser, amina, omar, coordinator] = await people(t, ['staff', 'staff', 'staff', 'coordinator']);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

interface Sent {
  recipient_id: string;
  type: string;
  title: string;
  body: string;
  path: string;
  item_id: string | null;
  occurrence: string | null;
  data: Record<string, unknown> & { ical?: Record<string, unknown> };
}

/** The messages written for `who` (every one, read or not), oldest first, with how many deliveries each has. */
const inbox = async (who: Who, type?: string) =>
  (
    await t.db.query<Sent>(
      `select recipient_id, type, title, body, path, item_id, occurrence, data from notifications
        where recipient_id = $1 and ($2::text is null or type = $2) order by created_at, id`,
      [who.user.id, type ?? null],
    )
  ).rows;

/** An event of the organiser's (09:00–10:00 Manila on 8 Dec 2026), with amina and omar invited. */
async function meeting(extra: Record<string, unknown> = {}) {
  const item = (
    await req(organiser, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Weekly visit',
      start: '2026-12-08T01:00:00Z',
      end: '2026-12-08T02:00:00Z',
      timeZone: 'Asia/Manila',
      location: 'Room 1',
      ...extra,
    })
  ).json();
  for (const who of [amina, omar])
    expect(
      (await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, { userId: who.user.id }))
        .statusCode,
    ).toBe(201);
  return item as { id: string; version: number; uid: string };
}

const count = async (itemId: string, type: string) =>
  Number(
    (
      await t.db.query<{ n: string }>(
        'select count(*) as n from notifications where item_id = $1 and type = $2',
        [itemId, type],
      )
    ).rows[0]!.n,
  );

describe('item.invited', () => {
  it('tells each invited person once, with a link to the item and an iTIP REQUEST', async () => {
    const item = await meeting();
    const [m] = (await inbox(amina, 'item.invited')).filter((n) => n.item_id === item.id);
    expect(m).toMatchObject({
      title: 'Invitation: “Weekly visit”, Tue 8 Dec, 09:00',
      path: `/calendar?item=${item.id}&date=2026-12-08`,
    });
    expect(m!.body).toContain(`${organiser.user.name} invited you`);
    expect(m!.data.ical).toMatchObject({
      method: 'REQUEST',
      uid: item.uid,
      sequence: 0,
      start: '2026-12-08T01:00:00.000Z',
    });
    expect(await count(item.id, 'item.invited')).toBe(2);
    // The organiser adding themself is told nothing; inviting someone twice is a 409 that writes nothing.
    await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, { userId: organiser.user.id });
    const again = await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, {
      userId: amina.user.id,
    });
    expect(again.statusCode).toBe(409);
    expect(await count(item.id, 'item.invited')).toBe(2);
  });
});

describe('item.changed and item.cancelled', () => {
  it('a move tells the participants what changed, not the one who moved it; a retried edit says nothing more', async () => {
    const item = await meeting();
    const move = { start: '2026-12-09T02:00:00Z', end: '2026-12-09T03:00:00Z' };
    expect((await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, move)).statusCode).toBe(200);
    const [m] = (await inbox(amina, 'item.changed')).filter((n) => n.item_id === item.id);
    expect(m).toMatchObject({
      title: '“Weekly visit” moved to Wed 9 Dec, 10:00',
      path: `/calendar?item=${item.id}&date=2026-12-09`,
    });
    expect(m!.body).toContain('Moved from Tue 8 Dec, 09:00–10:00 to Wed 9 Dec, 10:00–11:00.');
    expect(m!.data.ical).toMatchObject({ method: 'REQUEST', sequence: 1, start: '2026-12-09T02:00:00.000Z' });
    expect((await inbox(organiser, 'item.changed')).filter((n) => n.item_id === item.id)).toEqual([]);
    // The same request again changes nothing and tells nobody again.
    await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, move);
    expect(await count(item.id, 'item.changed')).toBe(2);
    // A participant who edits is not told; the organiser is. A second real change is a second message.
    await t.db.query(
      "insert into calendar_members (calendar_id, user_id, permission) select calendar_id, $2, 'edit' from items where id = $1",
      [item.id, omar.user.id],
    );
    expect((await req(omar, 'PATCH', `/api/v1/items/${item.id}`, { location: 'Room 2' })).statusCode).toBe(
      200,
    );
    expect((await inbox(organiser, 'item.changed')).map((n) => n.title)).toContain(
      '“Weekly visit” now at Room 2',
    );
    expect((await inbox(omar, 'item.changed')).filter((n) => n.body.includes('Room 2'))).toEqual([]);
    expect((await inbox(amina, 'item.changed')).filter((n) => n.item_id === item.id)).toHaveLength(2);
  });

  it('a description-only edit tells nobody', async () => {
    const item = await meeting();
    await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, { description: 'Bring forms' });
    expect(await count(item.id, 'item.changed')).toBe(0);
  });

  it('a refused edit (412, 422) writes no message', async () => {
    const item = await meeting();
    const stale = await req(
      organiser,
      'PATCH',
      `/api/v1/items/${item.id}`,
      { location: 'Hall' },
      { 'if-match': '"999"' },
    );
    expect(stale.statusCode).toBe(412);
    const bad = await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, {
      start: '2026-12-09T02:00:00Z',
      end: '2026-12-09T01:00:00Z',
    });
    expect(bad.statusCode).toBe(422);
    expect(await count(item.id, 'item.changed')).toBe(0);
  });

  it('one occurrence moved or cancelled is named by its recurrence id; deleting the series cancels it for everyone', async () => {
    const item = await meeting({ rrule: 'FREQ=WEEKLY;COUNT=5' });
    const occ = '2026-12-15T09:00:00';
    const moved = await req(organiser, 'PATCH', `/api/v1/items/${item.id}?scope=this&occurrence=${occ}`, {
      start: '2026-12-15T03:00:00Z',
      end: '2026-12-15T04:00:00Z',
    });
    expect(moved.statusCode).toBe(200);
    const [change] = (await inbox(amina, 'item.changed')).filter((n) => n.item_id === item.id);
    expect(change).toMatchObject({
      occurrence: occ,
      title: '“Weekly visit” on Tue 15 Dec, 09:00 moved to Tue 15 Dec, 11:00',
    });
    expect(change!.data.ical).toMatchObject({
      recurrenceId: '2026-12-15T01:00:00.000Z',
      start: '2026-12-15T03:00:00.000Z',
    });
    expect(change!.data.ical?.rrule).toBeUndefined();

    const occ2 = '2026-12-22T09:00:00';
    expect(
      (await req(organiser, 'DELETE', `/api/v1/items/${item.id}?scope=this&occurrence=${occ2}`)).statusCode,
    ).toBe(204);
    const [gone] = (await inbox(omar, 'item.cancelled')).filter((n) => n.item_id === item.id);
    expect(gone).toMatchObject({ occurrence: occ2, title: 'Cancelled: “Weekly visit” on Tue 22 Dec, 09:00' });
    expect(gone!.data.ical).toMatchObject({
      method: 'CANCEL',
      recurrenceId: '2026-12-22T01:00:00.000Z',
      status: 'CANCELLED',
    });
    // Deleting it again (a retried request) tells nobody twice.
    await req(organiser, 'DELETE', `/api/v1/items/${item.id}?scope=this&occurrence=${occ2}`);
    expect(
      (await inbox(omar, 'item.cancelled')).filter((n) => n.occurrence === occ2 && n.item_id === item.id),
    ).toHaveLength(1);

    expect((await req(organiser, 'DELETE', `/api/v1/items/${item.id}`)).statusCode).toBe(204);
    const whole = (await inbox(amina, 'item.cancelled')).filter(
      (n) => n.data.itemTitle === 'Weekly visit' && !n.occurrence,
    );
    expect(whole.at(-1)).toMatchObject({
      title: 'Cancelled: “Weekly visit”',
      item_id: null,
      path: '/calendar?date=2026-12-08',
    });
    expect(whole.at(-1)!.data.ical).toMatchObject({ method: 'CANCEL', uid: item.uid });
    expect(whole.at(-1)!.data.ical?.recurrenceId).toBeUndefined();
    expect(
      (await inbox(organiser, 'item.cancelled')).filter((n) => n.data.itemTitle === 'Weekly visit'),
    ).toEqual([]);
  });

  it('a change of this and future occurrences tells the series’ participants, linking to the new series', async () => {
    const item = await meeting({ rrule: 'FREQ=WEEKLY;COUNT=6' });
    await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, {
      guest: { name: 'Datu Guest', email: 'guest@example.org' },
    });
    const res = await req(
      organiser,
      'PATCH',
      `/api/v1/items/${item.id}?scope=future&occurrence=2026-12-22T09:00:00`,
      {
        location: 'Hall',
      },
    );
    expect(res.statusCode).toBe(200);
    const tail = res.json();
    expect(tail.id).not.toBe(item.id);
    const [m] = (await inbox(amina, 'item.changed')).filter((n) => n.item_id === tail.id);
    expect(m).toMatchObject({
      title: '“Weekly visit” now at Hall',
      path: `/calendar?item=${tail.id}&date=2026-12-22`,
    });
    expect(m!.body).toBe(`${organiser.user.name} changed “Weekly visit”. Now at Hall (was Room 1).`);
    expect(m!.data.ical).toMatchObject({ uid: tail.uid, rrule: tail.rrule, method: 'REQUEST' });
    expect((m!.data.ical as { attendees: { email: string }[] }).attendees.map((a) => a.email)).toContain(
      'guest@example.org',
    );
  });

  it('setting the status to cancelled is item.cancelled with an iTIP CANCEL', async () => {
    const item = await meeting();
    await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, { status: 'cancelled' });
    const [m] = (await inbox(amina, 'item.cancelled')).filter((n) => n.item_id === item.id);
    expect(m!.data.ical).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
    await req(organiser, 'PATCH', `/api/v1/items/${item.id}`, { status: 'confirmed' });
    expect((await inbox(amina, 'item.changed')).filter((n) => n.item_id === item.id)[0]!.title).toBe(
      '“Weekly visit” is back on',
    );
  });
});

describe('rsvp.updated', () => {
  it('tells the organiser when an answer changes, once however often it is sent', async () => {
    const item = await meeting();
    const answer = (status: string) => req(amina, 'POST', `/api/v1/items/${item.id}/rsvp`, { status });
    expect((await answer('going')).statusCode).toBe(200);
    expect((await answer('going')).statusCode).toBe(200);
    await answer('declined');
    const mine = (await inbox(organiser, 'rsvp.updated')).filter((n) => n.item_id === item.id);
    expect(mine.map((n) => n.title)).toEqual([
      `${amina.user.name} is going to “Weekly visit”`,
      `${amina.user.name} declined “Weekly visit”`,
    ]);
    expect(mine[0]!.path).toBe(`/calendar?item=${item.id}&date=2026-12-08`);
    expect(await count(item.id, 'rsvp.updated')).toBe(2);
  });
});

describe('task.assigned', () => {
  it('tells the assignee of a new task, of a reassignment, and nobody of their own task', async () => {
    const task = (
      await req(organiser, 'POST', '/api/v1/items', {
        kind: 'task',
        title: 'File the report',
        start: '2026-12-10T01:00:00Z',
        end: '2026-12-10T02:00:00Z',
        details: { assigneeId: amina.user.id },
      })
    ).json();
    const [m] = (await inbox(amina, 'task.assigned')).filter((n) => n.item_id === task.id);
    expect(m).toMatchObject({
      title: 'Task for you: “File the report”',
      path: `/calendar?item=${task.id}&date=2026-12-10`,
    });
    await req(organiser, 'POST', `/api/v1/items/${task.id}/task/reassign`, { assigneeId: omar.user.id });
    await req(organiser, 'POST', `/api/v1/items/${task.id}/task/reassign`, { assigneeId: omar.user.id });
    expect(await count(task.id, 'task.assigned')).toBe(2);
    const own = (
      await req(organiser, 'POST', '/api/v1/items', {
        kind: 'task',
        title: 'Mine',
        start: '2026-12-10T01:00:00Z',
        end: '2026-12-10T02:00:00Z',
        details: { assigneeId: organiser.user.id },
      })
    ).json();
    expect(await count(own.id, 'task.assigned')).toBe(0);
  });
});

describe('leave', () => {
  it('a request goes to the approvers, the decision with its reason to the requester', async () => {
    const leave = (
      await req(amina, 'POST', '/api/v1/items', {
        kind: 'leave',
        title: 'Family matter',
        start: '2027-01-04',
        end: '2027-01-06',
        details: { leaveType: 'sick' },
      })
    ).json();
    const [asked] = (await inbox(coordinator, 'leave.requested')).filter((n) => n.item_id === leave.id);
    expect(asked).toMatchObject({
      title: `Leave request: ${amina.user.name}, Mon 4 Jan – Tue 5 Jan`,
      path: '/leave/approvals',
    });
    expect(await count(leave.id, 'leave.requested')).toBe(1 + (await adminCount()));
    expect((await inbox(amina, 'leave.requested')).filter((n) => n.item_id === leave.id)).toEqual([]);

    const noReason = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/reject`, {});
    expect(noReason.statusCode).toBe(422);
    expect(await count(leave.id, 'leave.decided')).toBe(0);
    const rejected = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/reject`, {
      reason: 'Audit week',
    });
    expect(rejected.statusCode).toBe(200);
    const again = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/reject`, {
      reason: 'Audit week',
    });
    expect(again.statusCode).toBe(409);
    const decided = (await inbox(amina, 'leave.decided')).filter((n) => n.item_id === leave.id);
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      title: 'Sick leave rejected: Mon 4 Jan – Tue 5 Jan',
      body: `${coordinator.user.name} rejected your sick leave on Mon 4 Jan – Tue 5 Jan. Reason: Audit week`,
    });

    // New dates send it back to the approvers.
    await req(amina, 'PATCH', `/api/v1/items/${leave.id}`, { start: '2027-01-11', end: '2027-01-12' });
    const reopened = (await inbox(coordinator, 'leave.requested')).filter((n) => n.item_id === leave.id);
    expect(reopened.at(-1)!.title).toBe(`Changed leave: ${amina.user.name}, Mon 11 Jan`);
  });
});

const adminCount = async () =>
  Number(
    (
      await t.db.query<{ n: string }>(
        "select count(*) as n from users where active and role in ('admin','coordinator')",
      )
    ).rows[0]!.n,
  ) - 1;
