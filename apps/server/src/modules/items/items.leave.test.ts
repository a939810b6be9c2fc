import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let amina: Who, omar: Who, coordinator: Who, coordinator2: Who, admin: Who;
beforeAll(async () => {
  t = await createTestApp();
  [amina, omar, coordinator, coordinator2, admin] = await people(t, [
    'staff',
    'staff',
    'coordinator',
    'coordinator',
    'admin',
  ]);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

let day = 0;
/** Dates of a fresh leave span, a week apart from every other test's, so they never overlap by accident. */
const span = (days = 1) => {
  const first = day;
  day += days + 7;
  const d = (n: number) => new Date(Date.UTC(2027, 0, 4 + n)).toISOString().slice(0, 10);
  return { start: d(first), end: d(first + days) };
};

const fileLeave = (who: Who, extra: Record<string, unknown> = {}) =>
  req(who, 'POST', '/api/v1/items', {
    kind: 'leave',
    title: 'Family matter',
    ...span(),
    details: { leaveType: 'personal' },
    ...extra,
  });

const feed = (who: Who, from: string, to: string, kinds = 'leave') =>
  req(
    who,
    'GET',
    `/api/v1/calendar?start=${from}T00:00:00Z&end=${to}T00:00:00Z&kinds=${kinds}&holidays=false`,
  );

describe('leave on the requester’s own calendar', () => {
  it('is filed all-day on the personal calendar as pending, with the new types and a backup', async () => {
    const res = await fileLeave(amina, { details: { leaveType: 'official', backupUserId: omar.user.id } });
    expect(res.statusCode).toBe(201);
    const leave = res.json();
    const cals = (await req(amina, 'GET', '/api/v1/calendars')).json().items;
    expect(leave).toMatchObject({
      calendarId: cals.find((c: { kind: string }) => c.kind === 'personal').id,
      allDay: true,
      status: 'tentative',
      details: { leaveType: 'official', approvalStatus: 'pending', backupUserId: omar.user.id },
    });
    const personal = await fileLeave(amina, { status: 'confirmed' });
    expect(personal.json()).toMatchObject({ status: 'tentative', details: { leaveType: 'personal' } });
    const nobody = await fileLeave(amina, {
      details: { leaveType: 'sick', backupUserId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(nobody.statusCode).toBe(422);
    const self = await fileLeave(amina, { details: { leaveType: 'sick', backupUserId: amina.user.id } });
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'details.backupUserId' })]);
  });

  it('shows pending leave to approvers in the leave list and their feed, not the rest of the calendar', async () => {
    const dates = span(3);
    const leave = (
      await fileLeave(amina, { ...dates, details: { leaveType: 'vacation', backupUserId: omar.user.id } })
    ).json();
    await req(amina, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Dentist',
      start: `${dates.start}T01:00:00Z`,
      end: `${dates.start}T02:00:00Z`,
    });
    for (const approver of [coordinator, admin]) {
      const list = (await req(approver, 'GET', '/api/v1/leave?status=pending&limit=500')).json();
      const mine = list.items.find((i: { id: string }) => i.id === leave.id);
      expect(mine).toMatchObject({
        requester: { id: amina.user.id, name: amina.user.name },
        backup: { id: omar.user.id, name: omar.user.name },
        details: { leaveType: 'vacation', approvalStatus: 'pending' },
      });
      const occurrences = (await feed(approver, dates.start, dates.end, 'leave,event')).json().occurrences;
      expect(occurrences.map((o: { title: string }) => o.title)).toEqual(['Family matter']);
      expect(occurrences[0]).toMatchObject({
        itemId: leave.id,
        status: 'tentative',
        details: { approvalStatus: 'pending', leaveType: 'vacation' },
      });
    }
    // Staff see their own leave only; a colleague does not see it in the feed.
    const own = (await req(omar, 'GET', '/api/v1/leave?status=pending')).json();
    expect(own.items).toEqual([]);
    expect((await feed(omar, dates.start, dates.end)).json().occurrences).toEqual([]);
  });

  it('pages the leave list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await fileLeave(omar);
    const first = (await req(omar, 'GET', '/api/v1/leave?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await req(omar, 'GET', `/api/v1/leave?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.length).toBeGreaterThanOrEqual(1);
    expect(second.items[0].id).not.toBe(first.items[1].id);
  });

  it('shows colleagues approved leave on a shared calendar as "On leave", without type or reason', async () => {
    const office = (await req(coordinator, 'POST', '/api/v1/calendars', { name: 'Office' })).json();
    await req(coordinator, 'PUT', `/api/v1/calendars/${office.id}/members/${amina.user.id}`, {
      permission: 'edit',
    });
    await req(coordinator, 'PUT', `/api/v1/calendars/${office.id}/members/${omar.user.id}`, {
      permission: 'view',
    });
    const dates = span(2);
    const leave = (
      await fileLeave(amina, {
        ...dates,
        calendarId: office.id,
        title: 'Sick',
        details: { leaveType: 'sick' },
      })
    ).json();
    expect((await feed(omar, dates.start, dates.end)).json().occurrences).toEqual([]);
    await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, { reason: 'Get well' });
    const seen = (await feed(omar, dates.start, dates.end)).json().occurrences;
    expect(seen).toEqual([
      expect.objectContaining({
        itemId: leave.id,
        title: 'On leave',
        details: { approvalStatus: 'approved' },
      }),
    ]);
    const item = (await req(omar, 'GET', `/api/v1/items/${leave.id}`)).json();
    expect(item).toMatchObject({ title: 'On leave', details: { approvalStatus: 'approved' } });
    expect(item.details.leaveType).toBeUndefined();
    expect(item.details.decisionReason).toBeUndefined();
    const forRequester = (await req(amina, 'GET', `/api/v1/items/${leave.id}`)).json();
    expect(forRequester).toMatchObject({
      title: 'Sick',
      details: { leaveType: 'sick', decisionReason: 'Get well' },
    });
  });

  it('keeps others’ pending leave out of colleagues’ item list, item and feed, and approved leave bare', async () => {
    // Colleagues with every permission on the calendar the leave is filed on: Omar manages it.
    const office = (await req(coordinator, 'POST', '/api/v1/calendars', { name: 'Front office' })).json();
    await req(coordinator, 'PUT', `/api/v1/calendars/${office.id}/members/${amina.user.id}`, {
      permission: 'edit',
    });
    await req(coordinator, 'PUT', `/api/v1/calendars/${office.id}/members/${omar.user.id}`, {
      permission: 'manage',
    });
    const dates = span(2);
    const leave = (
      await fileLeave(amina, {
        ...dates,
        calendarId: office.id,
        title: 'Surgery',
        description: 'Knee operation',
        location: 'Cotabato Regional Hospital',
        details: { leaveType: 'sick', backupUserId: omar.user.id },
      })
    ).json();
    const listed = async (who: Who) =>
      (await req(who, 'GET', `/api/v1/items?calendarId=${office.id}&kind=leave&limit=500`))
        .json()
        .items.find((i: { id: string }) => i.id === leave.id);
    expect(await listed(omar)).toBeUndefined();
    expect((await req(omar, 'GET', `/api/v1/items/${leave.id}`)).statusCode).toBe(404);
    expect((await feed(omar, dates.start, dates.end)).json().occurrences).toEqual([]);
    // The requester and approvers see it pending, in full.
    for (const who of [amina, coordinator, admin])
      expect(await listed(who)).toMatchObject({
        title: 'Surgery',
        details: { approvalStatus: 'pending', leaveType: 'sick', backupUserId: omar.user.id },
      });

    await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, { reason: 'Get well' });
    const bare = {
      title: 'On leave',
      description: null,
      location: null,
      details: { approvalStatus: 'approved' },
    };
    expect(await listed(omar)).toMatchObject(bare);
    expect((await listed(omar)).details).toEqual({ approvalStatus: 'approved' });
    // Omar manages the calendar, yet the leave is not his to change.
    expect((await listed(omar)).canEdit).toBe(false);
    expect((await req(omar, 'GET', `/api/v1/items/${leave.id}`)).json().details).toEqual({
      approvalStatus: 'approved',
    });
    const [occurrence] = (await feed(omar, dates.start, dates.end)).json().occurrences;
    expect(occurrence).toMatchObject({
      itemId: leave.id,
      title: 'On leave',
      location: null,
      editable: false,
    });
    expect(occurrence.details).toEqual({ approvalStatus: 'approved' });
    expect(JSON.stringify(occurrence)).not.toMatch(/sick|Surgery|Knee|Hospital|Get well/);
    // Free/busy says she is on leave, not why.
    const busy = (
      await req(
        omar,
        'GET',
        `/api/v1/freebusy?users=${amina.user.id}&start=${dates.start}T00:00:00Z&end=${dates.end}T00:00:00Z`,
      )
    ).json().busy;
    expect(busy).toContainEqual(expect.objectContaining({ userId: amina.user.id, kind: 'leave' }));
    expect(JSON.stringify(busy)).not.toMatch(/Surgery/);
    // Nor do its words find it: a search cannot recover the title letter by letter.
    const search = (who: Who, q: string) =>
      req(who, 'GET', `/api/v1/calendar?start=${dates.start}T00:00:00Z&end=${dates.end}T00:00:00Z&q=${q}`);
    expect((await search(omar, 'Knee')).json().occurrences).toEqual([]);
    expect((await search(amina, 'Knee')).json().occurrences).toEqual([
      expect.objectContaining({ itemId: leave.id }),
    ]);
  });

  it('refuses leave overlapping pending or approved leave of the same person with 409 leave.overlap', async () => {
    const dates = span(5);
    const first = (await fileLeave(omar, dates)).json();
    const inside = {
      start: dates.start.replace(/\d\d$/, (d) => String(Number(d) + 2).padStart(2, '0')),
      end: dates.end,
    };
    const res = await fileLeave(omar, inside);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'leave.overlap',
      conflicts: [{ id: first.id, start: dates.start, end: dates.end, status: 'pending' }],
    });
    // Another person's leave on the same days is fine; so is this person's after a cancellation.
    expect((await fileLeave(amina, dates)).statusCode).toBe(201);
    await req(omar, 'POST', `/api/v1/items/${first.id}/leave/cancel`, {});
    expect((await fileLeave(omar, inside)).statusCode).toBe(201);
    // Moving a request onto another one is refused too.
    const later = (await fileLeave(omar)).json();
    const moved = await req(omar, 'PATCH', `/api/v1/items/${later.id}`, inside);
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('leave.overlap');
  });

  it('accepts one of ten overlapping requests filed at once', async () => {
    const dates = span(2);
    const results = await Promise.all(Array.from({ length: 10 }, () => fileLeave(coordinator2, dates)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(9).fill('leave.overlap'),
    );
  });
});

describe('leave decisions cannot be bypassed', () => {
  it('sends approved leave whose dates or type change back to pending', async () => {
    const leave = (await fileLeave(amina)).json();
    await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {});
    const longer = span(30);
    const changed = (
      await req(amina, 'PATCH', `/api/v1/items/${leave.id}`, {
        ...longer,
        details: { leaveType: 'maternity' },
      })
    ).json();
    expect(changed).toMatchObject({
      status: 'tentative',
      details: { approvalStatus: 'pending', leaveType: 'maternity', approverId: null },
    });
    // A change of title alone keeps the decision.
    await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {});
    const renamed = (await req(amina, 'PATCH', `/api/v1/items/${leave.id}`, { title: 'Baby' })).json();
    expect(renamed).toMatchObject({ status: 'confirmed', details: { approvalStatus: 'approved' } });
  });

  it('refuses the requester setting the status of leave, and ignores an approval in the details', async () => {
    const leave = (await fileLeave(amina)).json();
    await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/reject`, { reason: 'Audit week' });
    const res = await req(amina, 'PATCH', `/api/v1/items/${leave.id}`, { status: 'confirmed' });
    expect(res.statusCode).toBe(403);
    const sneaky = (
      await req(amina, 'PATCH', `/api/v1/items/${leave.id}`, {
        details: { leaveType: 'personal', approvalStatus: 'approved' },
      })
    ).json();
    expect(sneaky).toMatchObject({ status: 'cancelled', details: { approvalStatus: 'rejected' } });
  });

  it('lets another approver, not the requester, decide a coordinator’s leave', async () => {
    const leave = (await fileLeave(coordinator)).json();
    const self = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('leave.self_approval');
    const pending = (await req(coordinator2, 'GET', '/api/v1/leave?status=pending&limit=500')).json().items;
    expect(pending.map((i: { id: string }) => i.id)).toContain(leave.id);
    const ok = await req(coordinator2, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {});
    expect(ok.json().details).toMatchObject({ approvalStatus: 'approved', approverId: coordinator2.user.id });
  });

  it('answers ten concurrent approvals and rejections with one 200 and 409s', async () => {
    const leave = (await fileLeave(amina)).json();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {})
          : req(admin, 'POST', `/api/v1/items/${leave.id}/leave/reject`, { reason: 'No' }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(9).fill('leave.invalid_transition'),
    );
    const final = (await req(amina, 'GET', `/api/v1/items/${leave.id}`)).json();
    expect(final.details.approvalStatus).toBe(ok[0]!.json().details.approvalStatus);
    const audits = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where entity_id = $1::text and action like 'leave.%'",
      [leave.id],
    );
    expect(audits.rows[0]!.n).toBe(1);
  });

  it('never leaves cancelled leave approved when approvals and cancellations race', async () => {
    const leave = (await fileLeave(amina)).json();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {})
          : req(amina, 'POST', `/api/v1/items/${leave.id}/leave/cancel`, {}),
      ),
    );
    const won = results.filter((r) => r.statusCode === 200).map((r) => r.json().details.approvalStatus);
    // Either the cancellation came first, or an approval and then one cancellation: one of each at most.
    expect(won.filter((s) => s === 'approved').length).toBeLessThanOrEqual(1);
    expect(won.filter((s) => s === 'cancelled')).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(10 - won.length);
    const final = (await req(amina, 'GET', `/api/v1/items/${leave.id}`)).json();
    expect(final).toMatchObject({ status: 'cancelled', details: { approvalStatus: 'cancelled' } });
  });
});

describe('tasks on a series', () => {
  const weekly = {
    kind: 'task',
    title: 'Weekly report',
    start: '2027-03-01T01:00:00Z',
    end: '2027-03-01T02:00:00Z',
    rrule: 'FREQ=WEEKLY;COUNT=4',
  };
  const taskFeed = (who: Who) => feed(who, '2027-03-01', '2027-03-29', 'task');

  it('completes one occurrence, then the whole series when asked', async () => {
    const task = (await req(amina, 'POST', '/api/v1/items', weekly)).json();
    const noOccurrence = await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, {});
    expect(noOccurrence.statusCode).toBe(422);
    expect(noOccurrence.json().code).toBe('item.occurrence_required');
    const done = await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, {
      occurrence: '2027-03-08T09:00:00',
    });
    expect(done.json().details).toMatchObject({
      taskStatus: 'todo',
      completedOccurrences: ['2027-03-08T09:00:00'],
    });
    const statuses = (await taskFeed(amina))
      .json()
      .occurrences.map((o: { details: { taskStatus: string } }) => o.details.taskStatus);
    expect(statuses).toEqual(['todo', 'done', 'todo', 'todo']);
    const again = await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, {
      occurrence: '2027-03-08T01:00:00Z',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('task.invalid_transition');
    const missing = await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, {
      occurrence: '2027-03-09T09:00:00',
    });
    expect(missing.statusCode).toBe(404);
    await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`, { all: true });
    const all = (await taskFeed(amina))
      .json()
      .occurrences.map((o: { details: { taskStatus: string } }) => o.details.taskStatus);
    expect(all).toEqual(['done', 'done', 'done', 'done']);
  });

  it('completes an occurrence once when asked ten times at once, with one audit entry', async () => {
    const task = (await req(omar, 'POST', '/api/v1/items', weekly)).json();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        req(omar, 'POST', `/api/v1/items/${task.id}/task/complete`, { occurrence: '2027-03-15T09:00:00' }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const single = (await req(omar, 'POST', '/api/v1/items', { ...weekly, rrule: undefined })).json();
    const wholes = await Promise.all(
      Array.from({ length: 10 }, () => req(omar, 'POST', `/api/v1/items/${single.id}/task/complete`)),
    );
    expect(wholes.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const audits = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where entity_id = any($1::text[]) and action = 'task.completed'",
      [[task.id, single.id]],
    );
    expect(audits.rows[0]!.n).toBe(2);
  });
});
