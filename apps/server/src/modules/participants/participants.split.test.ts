import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type Method, request, type TestApp } from '../../test/server';
import { fromNow, MIN, utcLocal } from '../attendance/attendance.fixtures';

let t: TestApp;
let organiser: Who;
let amina: Who;
let omar: Who;
beforeAll(async () => {
  t = await createTestApp();
  [organiser, amina, omar] = await people(t, ['staff', 'staff', 'staff']);
});
afterAll(() => t.close());

const DAY = 86_400_000;

const req = (who: Who, method: Method, url: string, payload?: unknown) =>
  request(t, who, method, url, payload);

async function ok<T = Record<string, unknown>>(
  res: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

/** Six daily occurrences, 09:00–10:00 UTC from 4 March 2030 (recurrence ids `2030-03-0dT09:00:00`). */
const daily = (who: Who, kind = 'event') =>
  ok<{ id: string }>(
    req(who, 'POST', '/api/v1/items', {
      kind,
      title: kind === 'task' ? 'Daily report' : 'Daily briefing',
      start: '2030-03-04T09:00:00Z',
      end: '2030-03-04T10:00:00Z',
      timeZone: 'UTC',
      rrule: 'FREQ=DAILY;COUNT=6',
    }),
    201,
  );

/** "This and following" from 7 March, an hour later: returns the new series' id. */
const splitLater = async (who: Who, id: string) =>
  (
    await ok<{ id: string }>(
      req(who, 'PATCH', `/api/v1/items/${id}?scope=future&occurrence=2030-03-07T09:00:00`, {
        start: '2030-03-07T10:00:00Z',
        end: '2030-03-07T11:00:00Z',
      }),
    )
  ).id;

interface Listed {
  id: string;
  userId: string | null;
  name: string;
  guest: boolean;
  rsvps: { occurrence: string; status: string }[];
}
const participants = async (who: Who, itemId: string) =>
  (await ok<{ items: Listed[] }>(req(who, 'GET', `/api/v1/items/${itemId}/participants`))).items;
const answers = (p: Listed | undefined) => p?.rsvps.map((r) => [r.occurrence, r.status]);

describe('"this and following" keeps everyone invited', () => {
  it('invites the series’ colleagues and guests to the new series with their answers; past attendance stays', async () => {
    const s = await daily(organiser);
    const mine = await ok<{ id: string }>(
      req(organiser, 'POST', `/api/v1/items/${s.id}/participants`, { userId: amina.user.id }),
      201,
    );
    await ok(
      req(organiser, 'POST', `/api/v1/items/${s.id}/participants`, {
        guest: { name: 'Datu Guiaman', organisation: 'Barangay council' },
      }),
      201,
    );
    await ok(
      req(organiser, 'PATCH', `/api/v1/items/${s.id}/attendance-settings`, {
        allowWalkIns: true,
        needsViewers: [omar.user.id],
      }),
    );
    // Amina goes to all of them, may skip the 5th and cannot come to the 8th.
    for (const [occurrence, status] of [
      [undefined, 'going'],
      ['2030-03-05T09:00:00', 'maybe'],
      ['2030-03-08T09:00:00', 'declined'],
    ] as const)
      await ok(req(amina, 'POST', `/api/v1/items/${s.id}/rsvp`, { status, occurrence }));
    await ok(
      req(organiser, 'POST', `/api/v1/items/${s.id}/participants/${mine.id}/check-in`, {
        occurrence: '2030-03-04T09:00:00',
      }),
    );

    const tail = await splitLater(organiser, s.id);
    const carried = await participants(organiser, tail);
    expect(carried.map((p) => [p.name, p.guest])).toEqual(
      expect.arrayContaining([
        [amina.user.name, false],
        ['Datu Guiaman', true],
      ]),
    );
    expect(carried).toHaveLength(2);
    const old = await participants(organiser, s.id);
    expect(carried.map((p) => p.id).filter((id) => old.some((o) => o.id === id))).toEqual([]);
    // Her answer for the series counts for the new one; the 8th (now at 10:00) is still declined.
    expect(answers(carried.find((p) => p.userId === amina.user.id))).toEqual([
      ['', 'going'],
      ['2030-03-08T10:00:00', 'declined'],
    ]);
    expect(answers(old.find((p) => p.userId === amina.user.id))).toEqual([
      ['', 'going'],
      ['2030-03-05T09:00:00', 'maybe'],
    ]);
    // Amina still sees the meeting she was invited to, and answers for the new series.
    const occ = (await participants(amina, tail)).find((p) => p.userId === amina.user.id);
    expect(occ).toBeDefined();
    await ok(req(amina, 'POST', `/api/v1/items/${tail}/rsvp`, { status: 'maybe' }));

    const settings = await ok(req(organiser, 'GET', `/api/v1/items/${tail}/attendance-settings`));
    expect(settings).toEqual({ allowWalkIns: true, needsViewers: [omar.user.id] });
    // Attendance of the first occurrence stays with the old series.
    const report = async (itemId: string, occurrence: string) =>
      (
        await ok<{ totals: { checkedIn: number } }>(
          req(organiser, 'GET', `/api/v1/items/${itemId}/attendance?occurrence=${occurrence}`),
        )
      ).totals.checkedIn;
    expect(await report(s.id, '2030-03-04T09:00:00')).toBe(1);
    expect(await report(tail, '2030-03-07T10:00:00')).toBe(0);
  });

  it('gives new badges: the old series’ badge for a later occurrence no longer checks in, the new one does', async () => {
    const s = await daily(organiser);
    const p = await ok<{ id: string }>(
      req(organiser, 'POST', `/api/v1/items/${s.id}/participants`, { userId: amina.user.id }),
      201,
    );
    const oldBadge = await ok<{ token: string }>(
      req(amina, 'GET', `/api/v1/items/${s.id}/participants/${p.id}/code?occurrence=2030-03-08T09:00:00`),
    );
    const tail = await splitLater(organiser, s.id);
    const refused = await req(organiser, 'POST', '/api/v1/attendance/check-in', { token: oldBadge.token });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('attendance.cancelled');

    const [mine] = await participants(amina, tail);
    const badge = await ok<{ token: string; occurrence: string }>(
      req(amina, 'GET', `/api/v1/items/${tail}/participants/${mine!.id}/code?occurrence=2030-03-08T10:00:00`),
    );
    expect(badge.occurrence).toBe('2030-03-08T10:00:00');
    const nonces = await t.db.query<{ code_nonce: string }>(
      'select code_nonce from participants where id = any($1::uuid[])',
      [[p.id, mine!.id]],
    );
    expect(new Set(nonces.rows.map((r) => r.code_nonce)).size).toBe(2);
  });

  it('takes walk-ins and their attendance along only for the occurrences it takes', async () => {
    // Daily from yesterday: the second occurrence is under way, so its code checks in now.
    const walkInSeries = async () => {
      const first = fromNow(-DAY - 30 * MIN);
      const s = await ok<{ id: string }>(
        req(organiser, 'POST', '/api/v1/items', {
          kind: 'event',
          title: 'Open clinic',
          start: first,
          end: fromNow(-DAY + 30 * MIN),
          timeZone: 'UTC',
          rrule: 'FREQ=DAILY;COUNT=4',
        }),
        201,
      );
      await ok(req(organiser, 'PATCH', `/api/v1/items/${s.id}/attendance-settings`, { allowWalkIns: true }));
      const nth = (n: number) => utcLocal(new Date(Date.parse(first) + (n - 1) * DAY).toISOString());
      const code = await ok<{ token: string }>(
        req(organiser, 'GET', `/api/v1/items/${s.id}/check-in-code?occurrence=${nth(2)}Z`),
      );
      await ok(req(omar, 'POST', '/api/v1/attendance/check-in', { token: code.token }));
      return { id: s.id, nth };
    };
    const splitAt = async (id: string, occurrence: string) => {
      const split = await ok<{ id: string }>(
        req(organiser, 'PATCH', `/api/v1/items/${id}?scope=future&occurrence=${occurrence}`, {
          title: 'Open clinic (new room)',
        }),
      );
      expect(split.id).not.toBe(id);
      return split.id;
    };
    const report = (id: string, occurrence: string) =>
      ok<{ totals: { checkedIn: number; walkIns: number } }>(
        req(organiser, 'GET', `/api/v1/items/${id}/attendance?occurrence=${occurrence}`),
      );

    // From the third on: omar came to the second only, and stays with the old series.
    const a = await walkInSeries();
    const tailA = await splitAt(a.id, a.nth(3));
    expect(await participants(organiser, tailA)).toEqual([]);
    expect((await participants(organiser, a.id)).map((p) => p.userId)).toEqual([omar.user.id]);
    expect((await report(a.id, a.nth(2))).totals).toMatchObject({ checkedIn: 1, walkIns: 1 });

    // From the second on: his attendance goes with that occurrence to the new series.
    const b = await walkInSeries();
    const tailB = await splitAt(b.id, b.nth(2));
    expect((await participants(organiser, tailB)).map((p) => p.userId)).toEqual([omar.user.id]);
    expect((await report(tailB, b.nth(2))).totals).toMatchObject({ checkedIn: 1, walkIns: 1 });
  });
});

describe('"this and following" on a recurring task', () => {
  it('keeps occurrences done after the split done in the new series, earlier ones in the old', async () => {
    const task = await daily(organiser, 'task');
    for (const occurrence of ['2030-03-05T09:00:00', '2030-03-08T09:00:00'])
      await ok(req(organiser, 'POST', `/api/v1/items/${task.id}/task/complete`, { occurrence }));
    const tail = await splitLater(organiser, task.id);
    const feed = await ok<{
      occurrences: { itemId: string; recurrenceId: string; details: { taskStatus?: string } }[];
    }>(
      req(
        organiser,
        'GET',
        '/api/v1/calendar?start=2030-03-01T00:00:00Z&end=2030-03-15T00:00:00Z&holidays=false',
      ),
    );
    const done = feed.occurrences
      .filter((o) => o.details?.taskStatus === 'done')
      .map((o) => [o.itemId, o.recurrenceId]);
    expect(done).toEqual([
      [task.id, '2030-03-05T09:00:00'],
      [tail, '2030-03-08T10:00:00'],
    ]);
  });
});
