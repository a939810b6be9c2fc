import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, signedInUser, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let amina: Who, omar: Who, coordinator: Who;
beforeAll(async () => {
  t = await createTestApp();
  [amina, omar, coordinator] = await people(t, ['staff', 'staff', 'coordinator']);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

const meeting = {
  kind: 'event',
  title: 'Coordination meeting',
  start: '2026-03-09T01:00:00Z',
  end: '2026-03-09T02:00:00Z',
  timeZone: 'Asia/Manila',
};

describe('POST /api/v1/items', () => {
  it('creates an item on the personal calendar with its local times, UID and version', async () => {
    const res = await req(amina, 'POST', '/api/v1/items', {
      ...meeting,
      location: 'Conference Room A',
      details: { eventType: 'meeting', agenda: 'Budget' },
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      kind: 'event',
      title: 'Coordination meeting',
      start: '2026-03-09T01:00:00.000Z',
      end: '2026-03-09T02:00:00.000Z',
      dtstart: '2026-03-09T09:00:00',
      timeZone: 'Asia/Manila',
      version: 1,
      sequence: 0,
      organizerId: amina.user.id,
      canEdit: true,
      details: { eventType: 'meeting', agenda: 'Budget' },
    });
    expect(item.uid).toMatch(/@kalendaryo$/);
    expect(res.headers.etag).toBe('"1"');
    const cals = (await req(amina, 'GET', '/api/v1/calendars')).json().items;
    expect(cals[0]).toMatchObject({ kind: 'personal', ownerId: amina.user.id, permission: 'manage' });
    expect(item.calendarId).toBe(cals[0].id);
  });

  it('creates every kind with its own details and rejects details of the wrong shape', async () => {
    const cases = [
      {
        kind: 'engagement',
        details: { stakeholders: ['MILG', 'Barangay council'], engagementType: 'dialogue' },
      },
      {
        kind: 'task',
        details: { assigneeId: omar.user.id, priority: 'high', dueAt: '2026-03-10T09:00:00.000Z' },
      },
      { kind: 'assessment', details: { assessmentType: 'mana', team: ['Amina', 'Omar'] } },
      { kind: 'community_event', details: { eventCategory: 'religious', serviceImpact: 'high' } },
      {
        kind: 'leave',
        allDay: true,
        start: '2026-04-06',
        end: '2026-04-08',
        details: { leaveType: 'vacation' },
      },
    ];
    for (const c of cases) {
      const res = await req(amina, 'POST', '/api/v1/items', { ...meeting, title: `A ${c.kind}`, ...c });
      expect(res.statusCode, `${c.kind}: ${res.body}`).toBe(201);
      expect(res.json().details).toMatchObject(c.details);
    }
    const leave = (
      await req(amina, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'leave',
        allDay: true,
        start: '2026-05-04',
        end: '2026-05-04',
        details: { leaveType: 'sick' },
      })
    ).json();
    expect(leave).toMatchObject({
      allDay: true,
      start: '2026-05-04',
      end: '2026-05-05',
      status: 'tentative',
      details: { approvalStatus: 'pending' },
    });
    const bad = await req(amina, 'POST', '/api/v1/items', {
      ...meeting,
      kind: 'community_event',
      details: { eventCategory: 'party' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      code: 'item.invalid_details',
      errors: [{ field: 'details.eventCategory' }],
    });
  });

  it('refuses bad times, zones and rules with 422 naming the field, writing nothing', async () => {
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]!.n;
    const bads: [Record<string, unknown>, string, string][] = [
      [{ end: '2026-03-09T00:00:00Z' }, 'item.invalid_time', 'end'],
      [{ start: '2026-02-30T01:00:00Z' }, 'request.invalid', 'start'],
      [{ timeZone: 'Mars/Olympus' }, 'request.invalid', 'timeZone'],
      [{ allDay: true }, 'item.invalid_time', 'start'],
      [{ rrule: 'FREQ=WEEKLY;COUNT=3;UNTIL=20260401T000000Z' }, 'recurrence.invalid_rule', 'rrule'],
      [{ rrule: 'FREQ=SOMETIMES' }, 'recurrence.invalid_rule', 'rrule'],
      [{ kind: 'meeting' }, 'request.invalid', 'kind'],
      [{ title: '   ' }, 'request.invalid', 'title'],
    ];
    for (const [patch, code, field] of bads) {
      const res = await req(amina, 'POST', '/api/v1/items', { ...meeting, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      if (code !== 'request.invalid' || res.json().code === 'request.invalid')
        expect(res.json().code, JSON.stringify(patch)).toBe(code);
      expect(JSON.stringify(res.json().errors ?? []), JSON.stringify(patch)).toContain(field);
    }
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]!.n).toBe(before);
  });
});

describe('GET /api/v1/items', () => {
  it('pages through the items the user may see', async () => {
    const fresh = await signedInUser(t.app, t.db, 'staff');
    for (let i = 0; i < 5; i++) {
      await req(fresh, 'POST', '/api/v1/items', {
        ...meeting,
        title: `Item ${i}`,
        start: `2026-04-0${i + 1}T01:00:00Z`,
        end: `2026-04-0${i + 1}T02:00:00Z`,
      });
    }
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await req(fresh, 'GET', `/api/v1/items?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      titles.push(
        ...res
          .json()
          .items.filter((i: { kind: string }) => i.kind === 'event')
          .map((i: { title: string }) => i.title),
      );
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(titles).toEqual(['Item 0', 'Item 1', 'Item 2', 'Item 3', 'Item 4']);
  });
});

describe('visibility', () => {
  it('hides another user’s personal calendar items as 404, for reads and writes', async () => {
    const item = (await req(amina, 'POST', '/api/v1/items', meeting)).json();
    for (const [method, payload] of [['GET'], ['PATCH', { title: 'x' }], ['DELETE']] as const) {
      const res = await req(omar, method, `/api/v1/items/${item.id}`, payload);
      expect(res.statusCode, method).toBe(404);
      expect(res.json().code).toBe('item.not_found');
    }
    const feed = (
      await req(
        omar,
        'GET',
        '/api/v1/calendar?start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z&holidays=false',
      )
    ).json();
    expect(feed.occurrences.map((o: { itemId: string }) => o.itemId)).not.toContain(item.id);
  });

  it('shares a team calendar: view sees, edit changes, private items show as busy to viewers', async () => {
    const cal = (
      await req(coordinator, 'POST', '/api/v1/calendars', { name: 'MANA team', color: '#b45309' })
    ).json();
    expect((await req(amina, 'POST', '/api/v1/calendars', { name: 'Mine' })).statusCode).toBe(403);
    const secret = (
      await req(coordinator, 'POST', '/api/v1/items', {
        ...meeting,
        calendarId: cal.id,
        title: 'Personnel matter',
        visibility: 'private',
        location: 'Room 2',
      })
    ).json();
    expect((await req(amina, 'GET', `/api/v1/items/${secret.id}`)).statusCode).toBe(404);
    expect((await req(amina, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).statusCode).toBe(
      404,
    );

    expect(
      (
        await req(coordinator, 'PUT', `/api/v1/calendars/${cal.id}/members/${amina.user.id}`, {
          permission: 'view',
        })
      ).statusCode,
    ).toBe(200);
    const seen = (await req(amina, 'GET', `/api/v1/items/${secret.id}`)).json();
    expect(seen).toMatchObject({ title: 'Busy', location: null, canEdit: false });
    const denied = await req(amina, 'PATCH', `/api/v1/items/${secret.id}`, { title: 'Mine now' });
    expect(denied.statusCode).toBe(403);
    expect((await req(amina, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).statusCode).toBe(
      403,
    );

    await req(coordinator, 'PUT', `/api/v1/calendars/${cal.id}/members/${amina.user.id}`, {
      permission: 'edit',
    });
    expect((await req(amina, 'GET', `/api/v1/items/${secret.id}`)).json().title).toBe('Personnel matter');
    expect((await req(amina, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).statusCode).toBe(
      201,
    );
    await req(coordinator, 'DELETE', `/api/v1/calendars/${cal.id}/members/${amina.user.id}`);
    expect((await req(amina, 'GET', `/api/v1/items/${secret.id}`)).statusCode).toBe(404);
  });

  it('shows public community events to everyone', async () => {
    const fiesta = (
      await req(coordinator, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'community_event',
        title: 'Kalilang festival',
        details: { eventCategory: 'cultural' },
      })
    ).json();
    expect(fiesta.visibility).toBe('public');
    expect((await req(omar, 'GET', `/api/v1/items/${fiesta.id}`)).json()).toMatchObject({
      title: 'Kalilang festival',
      canEdit: false,
    });
    expect((await req(omar, 'PATCH', `/api/v1/items/${fiesta.id}`, { title: 'x' })).statusCode).toBe(403);
  });
});

describe('optimistic concurrency', () => {
  it('answers a stale If-Match or version with 412 and leaves the item as it was', async () => {
    const item = (await req(amina, 'POST', '/api/v1/items', meeting)).json();
    const first = await req(
      amina,
      'PATCH',
      `/api/v1/items/${item.id}`,
      { title: 'First edit' },
      { 'if-match': '"1"' },
    );
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await req(
      amina,
      'PATCH',
      `/api/v1/items/${item.id}`,
      { title: 'Lost update' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('request.precondition_failed');
    expect(
      (await req(amina, 'PATCH', `/api/v1/items/${item.id}`, { title: 'Also stale', version: 1 })).statusCode,
    ).toBe(412);
    expect(
      (await req(amina, 'DELETE', `/api/v1/items/${item.id}`, undefined, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect((await req(amina, 'GET', `/api/v1/items/${item.id}`)).json()).toMatchObject({
      title: 'First edit',
      version: 2,
    });
  });

  it('lets exactly one of many concurrent writers of the same version win', async () => {
    const item = (await req(amina, 'POST', '/api/v1/items', meeting)).json();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        req(
          amina,
          'PATCH',
          `/api/v1/items/${item.id}`,
          { title: `Writer ${i}` },
          { 'if-match': `"${item.version}"` },
        ),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 412)).toHaveLength(9);
  });
});

describe('leave and tasks', () => {
  it('runs a leave request through approval and rejection with reasons; only approvers decide', async () => {
    const leave = (
      await req(amina, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'leave',
        title: 'Vacation',
        allDay: true,
        start: '2026-06-01',
        end: '2026-06-03',
        details: { leaveType: 'vacation' },
      })
    ).json();
    expect((await req(omar, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {})).statusCode).toBe(404);
    expect((await req(amina, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {})).statusCode).toBe(403);
    const pending = (await req(coordinator, 'GET', '/api/v1/leave?status=pending')).json().items;
    expect(pending.map((i: { id: string }) => i.id)).toContain(leave.id);
    const approved = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {
      reason: 'Enjoy',
    });
    expect(approved.json()).toMatchObject({
      status: 'confirmed',
      details: { approvalStatus: 'approved', approverId: coordinator.user.id, decisionReason: 'Enjoy' },
    });
    const again = await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/reject`, {
      reason: 'Changed my mind',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('leave.invalid_transition');
    const busy = (
      await req(
        omar,
        'GET',
        `/api/v1/freebusy?users=${amina.user.id}&start=2026-06-01T00:00:00Z&end=2026-06-05T00:00:00Z`,
      )
    ).json().busy;
    expect(busy.filter((b: { kind: string }) => b.kind === 'leave')).toEqual([
      expect.objectContaining({ userId: amina.user.id, kind: 'leave' }),
    ]);

    const other = (
      await req(amina, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'leave',
        title: 'Leave',
        allDay: true,
        start: '2026-07-01',
        end: '2026-07-02',
        details: { leaveType: 'special' },
      })
    ).json();
    expect((await req(coordinator, 'POST', `/api/v1/items/${other.id}/leave/reject`, {})).statusCode).toBe(
      422,
    );
    const rejected = (
      await req(coordinator, 'POST', `/api/v1/items/${other.id}/leave/reject`, { reason: 'Field week' })
    ).json();
    expect(rejected).toMatchObject({
      status: 'cancelled',
      details: { approvalStatus: 'rejected', decisionReason: 'Field week' },
    });
    const own = (
      await req(amina, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'leave',
        title: 'Leave',
        allDay: true,
        start: '2026-08-01',
        end: '2026-08-02',
        details: { leaveType: 'sick' },
      })
    ).json();
    expect(
      (await req(amina, 'POST', `/api/v1/items/${own.id}/leave/cancel`, {})).json().details.approvalStatus,
    ).toBe('cancelled');
  });

  it('completes and reassigns tasks', async () => {
    const task = (
      await req(amina, 'POST', '/api/v1/items', {
        ...meeting,
        kind: 'task',
        title: 'Draft report',
        details: { assigneeId: amina.user.id },
      })
    ).json();
    const done = (await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`)).json();
    expect(done.details).toMatchObject({ taskStatus: 'done', completedAt: expect.any(String) });
    expect((await req(amina, 'POST', `/api/v1/items/${task.id}/task/complete`)).statusCode).toBe(409);
    const moved = (
      await req(amina, 'POST', `/api/v1/items/${task.id}/task/reassign`, { assigneeId: omar.user.id })
    ).json();
    expect(moved.details).toMatchObject({ assigneeId: omar.user.id, taskStatus: 'todo', completedAt: null });
  });
});
