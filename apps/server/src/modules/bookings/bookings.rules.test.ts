import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, overlappingLivePairs, people, type Who } from './bookings.fixtures';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: Who;
let coordinator: Who;
let coordinator2: Who;
let approver: Who;
let amina: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [admin, coordinator, coordinator2, approver, amina] = await people(t, [
    'admin',
    'coordinator',
    'coordinator',
    'staff',
    'staff',
  ]);
});
afterAll(() => t.close());

const MIN = 60_000;
const fromNow = (minutes: number) => new Date(Date.now() + minutes * MIN).toISOString();
const act = (who: Who, id: string, action: string, payload?: unknown) =>
  api.req(who, 'POST', `/api/v1/bookings/${id}/${action}`, payload);

/** An approved booking of `resourceId` by `who` from `startMin` to `endMin` minutes from now. */
async function approved(who: Who, resourceId: string, startMin: number, endMin: number) {
  const res = await api.book(who, { resourceId, start: fromNow(startMin), end: fromNow(endMin) });
  if (res.statusCode !== 201) throw new Error(res.body);
  const id = (res.json() as { id: string }).id;
  const ok = await act(coordinator, id, 'approve');
  if (ok.statusCode !== 200) throw new Error(ok.body);
  return id;
}

describe('bookings wait for their time', () => {
  it('a booking weeks ahead is neither completed, checked out nor checked in, and keeps its slot', async () => {
    const van = await api.resource(coordinator, { name: 'Early van' });
    const res = await api.book(amina, { resourceId: van.id, start: at(20, 8), end: at(20, 12) });
    const id = res.json().id as string;
    await act(coordinator, id, 'approve');
    for (const action of ['complete', 'check-out', 'check-in']) {
      const r = await act(amina, id, action);
      expect(r.statusCode, action).toBe(409);
      expect(r.json().code).toBe('booking.invalid_transition');
      expect(r.json().detail).toMatch(/not started|too early/);
    }
    // Still approved, so the van cannot be booked twice for that time.
    const clash = await api.book(approver, { resourceId: van.id, start: at(20, 9), end: at(20, 10) });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('booking.conflict');
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${id}`)).json().status).toBe('approved');
  });

  it('checks out from two hours before the start, not earlier', async () => {
    const van = await api.resource(coordinator, { name: 'Lead van' });
    const soon = await approved(amina, van.id, 60, 180);
    const later = await approved(amina, van.id, 200, 300);
    const early = await act(amina, later, 'check-out');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/can be checked out from/);
    const out = await act(amina, soon, 'check-out');
    expect(out.statusCode, out.body).toBe(200);
    // Back before the trip started: it was out, so it comes back in.
    expect((await act(amina, soon, 'check-in')).statusCode).toBe(200);
    // Completing still waits for the start.
    expect((await act(amina, soon, 'complete')).json().code).toBe('booking.invalid_transition');
  });

  it('completing a booking under way ends it now: only the time left is free again', async () => {
    const van = await api.resource(coordinator, { name: 'Returned van' });
    const id = await approved(amina, van.id, -60, 120);
    const done = await act(amina, id, 'complete');
    expect(done.statusCode, done.body).toBe(200);
    const end = Date.parse(done.json().end);
    expect(Math.abs(end - Date.now())).toBeLessThan(MIN);
    expect(done.json().completedAt).toBe(done.json().end);
    // The rest of the afternoon can be booked; nothing overlaps the time the van was used.
    const next = await api.book(approver, { resourceId: van.id, start: fromNow(5), end: fromNow(100) });
    expect(next.statusCode, next.body).toBe(201);
    expect(await overlappingLivePairs(t, van.id)).toBe(0);
  });
});

describe('nobody approves their own booking', () => {
  it('coordinators and named approvers need someone else; the other approver decides', async () => {
    const open = await api.resource(coordinator, { name: 'Open room', type: 'room' });
    const own = await api.book(coordinator, { resourceId: open.id, start: at(30, 1), end: at(30, 2) });
    expect(own.json().canApprove).toBe(false);
    const self = await act(coordinator, own.json().id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('auth.forbidden');
    expect((await act(coordinator2, own.json().id, 'approve')).json().status).toBe('approved');

    const named = await api.resource(coordinator, {
      name: 'Named car',
      rules: { approverIds: [approver.user.id] },
    });
    const mine = await api.book(approver, { resourceId: named.id, start: at(30, 1), end: at(30, 2) });
    expect((await act(approver, mine.json().id, 'approve')).statusCode).toBe(403);
    expect((await act(admin, mine.json().id, 'approve')).json().status).toBe('approved');
  });

  it('an administrator approves their own only when nobody else could', async () => {
    const shared = await api.resource(coordinator, {
      name: 'Shared projector',
      type: 'equipment',
      rules: { approverIds: [admin.user.id, approver.user.id] },
    });
    const a = await api.book(admin, { resourceId: shared.id, start: at(31, 1), end: at(31, 2) });
    expect((await act(admin, a.json().id, 'approve')).statusCode).toBe(403);
    expect((await act(approver, a.json().id, 'approve')).statusCode).toBe(200);
    // Only the administrator decides this one (coordinators do not, as it names its approvers;
    // this database has no other administrator).
    const sole = await api.resource(coordinator, {
      name: 'Director car',
      rules: { approverIds: [admin.user.id] },
    });
    const b = await api.book(admin, { resourceId: sole.id, start: at(31, 1), end: at(31, 2) });
    const res = await act(admin, b.json().id, 'approve');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedBy: admin.user.id });
  });
});

describe('concurrent decisions', () => {
  it('10 concurrent approvals and rejections: one 200, nine 409, one audited decision', async () => {
    const van = await api.resource(coordinator, { name: 'Contested van' });
    const b = (await api.book(amina, { resourceId: van.id, start: at(40, 1), end: at(40, 2) })).json();
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? act(i % 4 === 0 ? coordinator : coordinator2, b.id, 'approve')
          : act(coordinator2, b.id, 'reject', { reason: 'Taken' }),
      ),
    );
    const codes = all.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, ...Array(9).fill(409)]);
    for (const r of all.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe('booking.invalid_transition');
    const audits = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity_id = $1 and action in ('booking.approved', 'booking.rejected')`,
      [b.id],
    );
    expect(audits.rows[0]!.n).toBe(1);
  });

  it('approvals, rejections and cancellations at once: each 200 is one audited step, no more', async () => {
    const van = await api.resource(coordinator, { name: 'Mixed van' });
    const b = (await api.book(amina, { resourceId: van.id, start: at(41, 1), end: at(41, 2) })).json();
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 3 === 0
          ? act(coordinator, b.id, 'approve')
          : i % 3 === 1
            ? act(coordinator2, b.id, 'reject', { reason: 'Taken' })
            : act(amina, b.id, 'cancel'),
      ),
    );
    const ok = all.filter((r) => r.statusCode === 200);
    expect(all.every((r) => r.statusCode === 200 || r.json().code === 'booking.invalid_transition')).toBe(
      true,
    );
    const steps = await t.db.query<{ action: string }>(
      `select action from audit_log where entity_id = $1 and action <> 'booking.created' order by id`,
      [b.id],
    );
    expect(steps.rows.length).toBe(ok.length);
    // At most one decision, at most one cancellation, and a cancellation only after an approval.
    const actions = steps.rows.map((r) => r.action);
    expect(actions.filter((a) => a !== 'booking.cancelled').length).toBeLessThanOrEqual(1);
    expect(actions.filter((a) => a === 'booking.cancelled').length).toBeLessThanOrEqual(1);
    expect([
      'booking.approved,booking.cancelled',
      'booking.approved',
      'booking.rejected',
      'booking.cancelled',
    ]).toContain(actions.join(','));
  });

  it('10 concurrent cancellations: one 200', async () => {
    const van = await api.resource(coordinator, { name: 'Cancelled van' });
    const b = (await api.book(amina, { resourceId: van.id, start: at(42, 1), end: at(42, 2) })).json();
    const all = await Promise.all(Array.from({ length: 10 }, () => act(amina, b.id, 'cancel')));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
  });
});
