import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { digestDue, runDigests } from './digest';

let t: TestApp;
let ana: Who, ben: Who, off: Who;

beforeAll(async () => {
  t = await createTestApp();
  [ana, ben, off] = await people(t, ['coordinator', 'staff', 'staff']);
  await request(t, ana, 'PATCH', '/api/v1/auth/me', { timeZone: 'Asia/Manila' });
  await request(t, ana, 'PATCH', '/api/v1/preferences', { digest: { enabled: true, time: '07:00' } });
  const post = async (who: Who, body: Record<string, unknown>) => {
    const res = await request(t, who, 'POST', '/api/v1/items', {
      kind: 'event',
      timeZone: 'Asia/Manila',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };
  // Ana's Tuesday 8 Oct 2030: a meeting at 09:00 and an all-day visit; one she declined does not count.
  await post(ana, { title: 'Team planning', start: '2030-10-08T09:00:00', end: '2030-10-08T10:00:00' });
  await post(ana, { title: 'Field visit', allDay: true, start: '2030-10-08', end: '2030-10-09' });
  await post(ana, { title: 'Tomorrow', start: '2030-10-09T09:00:00', end: '2030-10-09T10:00:00' });
  const declined = await post(ben, {
    title: 'Declined talk',
    start: '2030-10-08T14:00:00',
    end: '2030-10-08T15:00:00',
  });
  await request(t, ben, 'POST', `/api/v1/items/${declined.id}/participants`, { userId: ana.user.id });
  await request(t, ana, 'POST', `/api/v1/items/${declined.id}/rsvp`, { status: 'declined' });
  // An invitation she has not answered, and Ben's leave waiting for a coordinator's decision.
  const invite = await post(ben, {
    title: 'Budget review',
    start: '2030-10-15T09:00:00',
    end: '2030-10-15T10:00:00',
  });
  await request(t, ben, 'POST', `/api/v1/items/${invite.id}/participants`, { userId: ana.user.id });
  const leave = await request(t, ben, 'POST', '/api/v1/items', {
    kind: 'leave',
    title: 'Family matter',
    start: '2030-10-21',
    end: '2030-10-22',
    details: { leaveType: 'personal' },
  });
  expect(leave.statusCode, leave.body).toBe(201);
  // Ana's van goes out at 08:00 and is due back at 17:00; Ben waits for a room.
  const van = await request(t, ana, 'POST', '/api/v1/resources', {
    name: 'Van 1',
    type: 'vehicle',
    rules: { autoApprove: true },
  });
  const room = await request(t, ana, 'POST', '/api/v1/resources', { name: 'Room 2', type: 'room' });
  const booked = await request(t, ana, 'POST', '/api/v1/bookings', {
    resourceId: van.json().id,
    start: '2030-10-08T00:00:00Z',
    end: '2030-10-08T09:00:00Z',
    purpose: 'Field visit',
  });
  expect(booked.json().status, booked.body).toBe('approved');
  const asked = await request(t, ben, 'POST', '/api/v1/bookings', {
    resourceId: room.json().id,
    start: '2030-10-09T01:00:00Z',
    end: '2030-10-09T02:00:00Z',
    purpose: 'Budget review',
  });
  expect(asked.json().status, asked.body).toBe('pending');
});
afterAll(() => t.close());

const digests = async () =>
  (
    await t.db.query<{ recipient_id: string; dedupe_key: string; title: string; body: string }>(
      `select recipient_id, dedupe_key, title, body from notifications where type = 'digest' order by created_at, dedupe_key`,
    )
  ).rows;

describe('the daily digest', () => {
  it('is due from the person’s digest time in their zone, for three hours', () => {
    expect(digestDue(Date.parse('2030-10-07T22:59:00Z'), 'Asia/Manila', '07:00')).toBeNull();
    expect(digestDue(Date.parse('2030-10-07T23:00:00Z'), 'Asia/Manila', '07:00')).toBe('2030-10-08');
    expect(digestDue(Date.parse('2030-10-08T01:59:00Z'), 'Asia/Manila', '07:00')).toBe('2030-10-08');
    expect(digestDue(Date.parse('2030-10-08T02:00:00Z'), 'Asia/Manila', '07:00')).toBeNull();
  });

  it('sends one digest a day at 07:00 Manila time to those who turned it on, with their day in it', async () => {
    await runDigests(t.db, new Date('2030-10-07T22:59:30Z'));
    expect(await digests()).toEqual([]);
    for (const at of ['2030-10-07T23:00:00Z', '2030-10-07T23:00:30Z', '2030-10-08T00:30:00Z'])
      await runDigests(t.db, new Date(at));
    const got = await digests();
    expect(got.map((d) => [d.recipient_id, d.dedupe_key])).toEqual([[ana.user.id, 'digest|||2030-10-08']]);
    expect(got[0]!.title).toBe('Your day, Tue 8 Oct: 2 items, 2 decisions, 1 invitation');
    expect(got[0]!.body).toBe(
      'Today: All day: Field visit; 09:00 Team planning. Bookings: Van 1 goes out at 08:00, due back at 17:00. Waiting for your decision: 1 booking request and 1 leave request. 1 invitation to answer: Budget review.',
    );
    expect(got.some((d) => d.recipient_id === off.user.id)).toBe(false);
  });

  it('sends the next day’s on the next day, and skips a day the server was down past its time', async () => {
    await runDigests(t.db, new Date('2030-10-08T23:05:00Z'));
    expect((await digests()).map((d) => d.dedupe_key)).toEqual([
      'digest|||2030-10-08',
      'digest|||2030-10-09',
    ]);
    const next = (await digests())[1]!;
    expect(next.body).toMatch(/^Today: 09:00 Tomorrow\./);
    // Up only at 11:30 on the 10th (four and a half hours late): no digest that day.
    await runDigests(t.db, new Date('2030-10-10T03:30:00Z'));
    expect(await digests()).toHaveLength(2);
  });
});
