import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

/**
 * Free/busy and people conflicts as a colleague planning a meeting sees them. The dates are in
 * 2030 (a week of June without holidays, then Independence Day), so that "the next occurrences"
 * of a series are ahead of today.
 */

let t: TestApp;
let amina: Who, omar: Who, ben: Who, coordinator: Who;
beforeAll(async () => {
  t = await createTestApp();
  [amina, omar, ben, coordinator] = await people(t, ['staff', 'staff', 'staff', 'coordinator']);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

interface Busy {
  userId: string;
  start: string;
  end: string;
  kind: string;
  tentative: boolean;
  itemId?: string;
  title?: string;
  recurrenceId?: string;
}

async function busyOf(who: Who, users: Who[], start: string, end: string): Promise<Busy[]> {
  const res = await req(
    who,
    'GET',
    `/api/v1/freebusy?users=${users.map((u) => u.user.id).join(',')}&start=${start}&end=${end}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().busy;
}

/** Busy intervals that items give (not holidays or off hours). */
const items = (busy: Busy[]) => busy.filter((b) => b.kind !== 'holiday' && b.kind !== 'off_hours');

const monday = (day: string) => ({ start: `${day}T00:00:00Z`, end: `${day}T12:00:00Z` });

async function create(who: Who, body: Record<string, unknown>) {
  const res = await req(who, 'POST', '/api/v1/items', {
    kind: 'event',
    timeZone: 'Asia/Manila',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function approvedLeave(who: Who, start: string, end: string, approve = true) {
  const leave = await create(who, {
    kind: 'leave',
    title: 'Vacation',
    allDay: true,
    start,
    end,
    details: { leaveType: 'vacation' },
  });
  if (approve)
    expect((await req(coordinator, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {})).statusCode).toBe(
      200,
    );
  return leave;
}

describe('GET /api/v1/freebusy', () => {
  it('shows every occurrence of a weekly series, a moved one where it went, and not a cancelled one', async () => {
    const series = await create(amina, {
      title: 'Staff meeting',
      start: '2030-06-03T01:00:00Z',
      end: '2030-06-03T02:00:00Z',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
    });
    // The third Monday moves to Tuesday afternoon; the fourth is cancelled.
    const moved = await req(
      amina,
      'PATCH',
      `/api/v1/items/${series.id}?scope=this&occurrence=2030-06-17T09:00:00`,
      {
        start: '2030-06-18T06:00:00Z',
        end: '2030-06-18T07:00:00Z',
      },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await req(amina, 'DELETE', `/api/v1/items/${series.id}?scope=this&occurrence=2030-06-24T09:00:00`))
        .statusCode,
    ).toBe(204);

    const second = monday('2030-06-10');
    expect(items(await busyOf(omar, [amina], second.start, second.end))).toEqual([
      {
        userId: amina.user.id,
        start: '2030-06-10T01:00:00.000Z',
        end: '2030-06-10T02:00:00.000Z',
        kind: 'event',
        tentative: false,
      },
    ]);
    const month = items(await busyOf(amina, [amina], '2030-06-01T00:00:00Z', '2030-07-01T00:00:00Z'));
    expect(month.map((b) => b.start)).toEqual([
      '2030-06-03T01:00:00.000Z',
      '2030-06-10T01:00:00.000Z',
      '2030-06-18T06:00:00.000Z',
    ]);
    // The organiser may read her own meeting: she gets its id, title and occurrence.
    expect(month[0]).toMatchObject({
      itemId: series.id,
      title: 'Staff meeting',
      recurrenceId: '2030-06-03T09:00:00',
    });
  });

  it('counts accepted invitations (per occurrence) and task assignments, not declined ones', async () => {
    const series = await create(amina, {
      title: 'Planning',
      start: '2030-07-01T02:00:00Z',
      end: '2030-07-01T03:00:00Z',
      rrule: 'FREQ=DAILY;COUNT=3',
    });
    for (const who of [omar, ben])
      expect(
        (await req(amina, 'POST', `/api/v1/items/${series.id}/participants`, { userId: who.user.id }))
          .statusCode,
      ).toBe(201);
    // Invited but not answered: not busy yet.
    expect(items(await busyOf(amina, [omar, ben], '2030-07-01T00:00:00Z', '2030-07-04T00:00:00Z'))).toEqual(
      [],
    );
    expect((await req(omar, 'POST', `/api/v1/items/${series.id}/rsvp`, { status: 'going' })).statusCode).toBe(
      200,
    );
    expect(
      (
        await req(omar, 'POST', `/api/v1/items/${series.id}/rsvp`, {
          status: 'declined',
          occurrence: '2030-07-02T10:00:00',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await req(ben, 'POST', `/api/v1/items/${series.id}/rsvp`, { status: 'declined' })).statusCode,
    ).toBe(200);
    expect(
      (
        await req(ben, 'POST', `/api/v1/items/${series.id}/rsvp`, {
          status: 'maybe',
          occurrence: '2030-07-03T10:00:00',
        })
      ).statusCode,
    ).toBe(200);
    const busy = items(await busyOf(amina, [omar, ben], '2030-07-01T00:00:00Z', '2030-07-04T00:00:00Z'));
    const seen = busy
      .map((b) => `${b.userId === omar.user.id ? 'omar' : 'ben'} ${b.start.slice(0, 10)} ${b.tentative}`)
      .sort();
    expect(seen).toEqual(['ben 2030-07-03 true', 'omar 2030-07-01 false', 'omar 2030-07-03 false']);

    await create(amina, {
      kind: 'task',
      title: 'Write the report',
      start: '2030-07-08T01:00:00Z',
      end: '2030-07-08T03:00:00Z',
      details: { assigneeId: ben.user.id },
    });
    expect(items(await busyOf(omar, [ben], '2030-07-08T00:00:00Z', '2030-07-09T00:00:00Z'))).toEqual([
      expect.objectContaining({ userId: ben.user.id, kind: 'task', start: '2030-07-08T01:00:00.000Z' }),
    ]);
  });

  it('shows approved leave as busy, pending leave as tentative, and rejected leave not at all', async () => {
    await approvedLeave(ben, '2030-08-05', '2030-08-06');
    await approvedLeave(ben, '2030-08-07', '2030-08-08', false);
    const rejected = await approvedLeave(ben, '2030-08-09', '2030-08-10', false);
    expect(
      (await req(coordinator, 'POST', `/api/v1/items/${rejected.id}/leave/reject`, { reason: 'Audit week' }))
        .statusCode,
    ).toBe(200);
    const busy = items(await busyOf(omar, [ben], '2030-08-05T00:00:00Z', '2030-08-12T00:00:00Z'));
    expect(busy.map((b) => [b.kind, b.start, b.tentative])).toEqual([
      ['leave', '2030-08-04T16:00:00.000Z', false],
      ['leave', '2030-08-06T16:00:00.000Z', true],
    ]);
  });

  it('shows a private item to a colleague as busy without its title or id', async () => {
    const secret = await create(amina, {
      title: 'Doctor’s appointment',
      visibility: 'private',
      start: '2030-09-02T01:00:00Z',
      end: '2030-09-02T02:00:00Z',
    });
    const open = await create(amina, {
      title: 'Open forum',
      visibility: 'public',
      start: '2030-09-02T03:00:00Z',
      end: '2030-09-02T04:00:00Z',
    });
    const forOmar = items(await busyOf(omar, [amina], '2030-09-02T00:00:00Z', '2030-09-03T00:00:00Z'));
    expect(forOmar).toEqual([
      {
        userId: amina.user.id,
        start: '2030-09-02T01:00:00.000Z',
        end: '2030-09-02T02:00:00.000Z',
        kind: 'event',
        tentative: false,
      },
      expect.objectContaining({ itemId: open.id, title: 'Open forum' }),
    ]);
    expect(JSON.stringify(forOmar)).not.toContain('Doctor');
    const forAmina = items(await busyOf(amina, [amina], '2030-09-02T00:00:00Z', '2030-09-03T00:00:00Z'));
    expect(forAmina[0]).toMatchObject({ itemId: secret.id, title: 'Doctor’s appointment' });
  });

  it('gives office holidays and the hours outside the working week as kinds of their own', async () => {
    // Tuesday 11 June to Thursday 13 June 2030; the 12th is Independence Day.
    const busy = await busyOf(omar, [ben], '2030-06-10T16:00:00Z', '2030-06-13T16:00:00Z');
    expect(busy.filter((b) => b.kind === 'holiday')).toEqual([
      {
        userId: ben.user.id,
        start: '2030-06-11T16:00:00.000Z',
        end: '2030-06-12T16:00:00.000Z',
        kind: 'holiday',
        tentative: false,
        title: 'Independence Day',
      },
    ]);
    // Manila: 00:00–08:00 and 17:00–24:00 each working day, merged across midnight.
    expect(busy.filter((b) => b.kind === 'off_hours').map((b) => [b.start, b.end])).toEqual([
      ['2030-06-10T16:00:00.000Z', '2030-06-11T00:00:00.000Z'],
      ['2030-06-11T09:00:00.000Z', '2030-06-12T00:00:00.000Z'],
      ['2030-06-12T09:00:00.000Z', '2030-06-13T00:00:00.000Z'],
      ['2030-06-13T09:00:00.000Z', '2030-06-13T16:00:00.000Z'],
    ]);
    // A weekend is off hours from Friday evening to Monday morning.
    const weekend = await busyOf(omar, [ben], '2030-06-14T00:00:00Z', '2030-06-17T06:00:00Z');
    expect(weekend.filter((b) => b.kind === 'off_hours').map((b) => [b.start, b.end])).toEqual([
      ['2030-06-14T09:00:00.000Z', '2030-06-17T00:00:00.000Z'],
    ]);
  });

  it('refuses too many people or too long a window with 422, and an empty window with 400', async () => {
    const many = Array.from(
      { length: 51 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const tooMany = await req(
      omar,
      'GET',
      `/api/v1/freebusy?users=${many.join(',')}&start=2030-06-01T00:00:00Z&end=2030-06-02T00:00:00Z`,
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().code).toBe('freebusy.too_many_users');
    const tooLong = await req(
      omar,
      'GET',
      `/api/v1/freebusy?users=${ben.user.id}&start=2030-06-01T00:00:00Z&end=2030-08-03T00:00:00Z`,
    );
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().code).toBe('freebusy.window_too_long');
    const backwards = await req(
      omar,
      'GET',
      `/api/v1/freebusy?users=${ben.user.id}&start=2030-06-02T00:00:00Z&end=2030-06-01T00:00:00Z`,
    );
    expect(backwards.statusCode).toBe(400);
  });
});

describe('people conflicts', () => {
  it('warns on create, move and invite who is busy or on leave, and lists them on GET conflicts', async () => {
    // Omar is on approved leave on Monday 7 October 2030 and has a meeting on Tuesday morning.
    await approvedLeave(omar, '2030-10-07', '2030-10-08');
    await create(omar, {
      title: 'Budget review',
      start: '2030-10-08T01:00:00Z',
      end: '2030-10-08T02:00:00Z',
    });

    // A task for Omar on his leave day: created, with the warning beside it.
    const task = await create(amina, {
      kind: 'task',
      title: 'Field report',
      start: '2030-10-07T01:00:00Z',
      end: '2030-10-07T02:00:00Z',
      details: { assigneeId: omar.user.id },
    });
    expect(task.conflicts).toEqual([
      {
        userId: omar.user.id,
        name: omar.user.name,
        start: '2030-10-06T16:00:00.000Z',
        end: '2030-10-07T16:00:00.000Z',
        kind: 'leave',
        tentative: false,
      },
    ]);

    // A meeting on a free morning: no conflicts; inviting Omar is fine too.
    const meeting = await create(amina, {
      title: 'Coordination',
      start: '2030-10-09T01:00:00Z',
      end: '2030-10-09T02:00:00Z',
    });
    expect(meeting.conflicts).toEqual([]);
    const invite = await req(amina, 'POST', `/api/v1/items/${meeting.id}/participants`, {
      userId: omar.user.id,
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ userId: omar.user.id, conflicts: [] });

    // Moving it onto Omar's Budget review: the answer names him as busy.
    const moved = await req(amina, 'PATCH', `/api/v1/items/${meeting.id}`, {
      start: '2030-10-08T01:30:00Z',
      end: '2030-10-08T02:30:00Z',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().conflicts).toEqual([
      expect.objectContaining({ userId: omar.user.id, kind: 'busy', start: '2030-10-08T01:00:00.000Z' }),
    ]);

    // Inviting Ben, who is free, gives no conflicts; inviting Omar to the task day warns of his leave.
    const benInvite = await req(amina, 'POST', `/api/v1/items/${meeting.id}/participants`, {
      userId: ben.user.id,
    });
    expect(benInvite.json().conflicts).toEqual([]);
    const onLeave = await req(amina, 'POST', `/api/v1/items/${task.id}/participants`, {
      userId: coordinator.user.id,
    });
    expect(onLeave.json().conflicts).toEqual([]);

    const listed = await req(amina, 'GET', `/api/v1/items/${meeting.id}/conflicts`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({
      people: [expect.objectContaining({ userId: omar.user.id, kind: 'busy', name: omar.user.name })],
      resources: [],
    });
  });

  it('lists the conflicts of one occurrence of a series, or of its next occurrences', async () => {
    await approvedLeave(ben, '2030-11-12', '2030-11-13');
    const series = await create(amina, {
      title: 'Weekly check-in',
      start: '2030-11-05T01:00:00Z',
      end: '2030-11-05T02:00:00Z',
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    const invited = await req(amina, 'POST', `/api/v1/items/${series.id}/participants`, {
      userId: ben.user.id,
    });
    expect(invited.json().conflicts).toEqual([
      expect.objectContaining({ userId: ben.user.id, kind: 'leave', occurrence: '2030-11-12T09:00:00' }),
    ]);
    const all = (await req(amina, 'GET', `/api/v1/items/${series.id}/conflicts`)).json();
    expect(all.people.map((c: { occurrence: string }) => c.occurrence)).toEqual(['2030-11-12T09:00:00']);
    const first = (
      await req(amina, 'GET', `/api/v1/items/${series.id}/conflicts?occurrence=2030-11-05T09:00:00`)
    ).json();
    expect(first.people).toEqual([]);
    const missing = await req(
      amina,
      'GET',
      `/api/v1/items/${series.id}/conflicts?occurrence=2030-11-06T09:00:00`,
    );
    expect(missing.statusCode).toBe(404);
    // Those who cannot see the item cannot ask.
    expect((await req(omar, 'GET', `/api/v1/items/${series.id}/conflicts`)).statusCode).toBe(404);
  });
});
