import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, people, type Who } from './bookings.fixtures';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: Who;
let coordinator: Who;
let approver: Who;
let amina: Who;
let omar: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [admin, coordinator, approver, amina, omar] = await people(t, [
    'admin',
    'coordinator',
    'staff',
    'staff',
    'staff',
  ]);
});
afterAll(() => t.close());

let day = 10;
/** A fresh pending booking by `who` of `resourceId`, on a day of its own. */
async function pending(who: Who, resourceId: string) {
  day += 1;
  const res = await api.book(who, { resourceId, start: at(day, 1), end: at(day, 3) });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}
const act = (who: Who, id: string, action: string, payload?: unknown) =>
  api.req(who, 'POST', `/api/v1/bookings/${id}/${action}`, payload);
const auditOf = async (id: string) =>
  (
    await t.db.query<{ action: string; actor_id: string; data: Record<string, unknown> }>(
      'select action, actor_id, data from audit_log where entity_id = $1 order by id',
      [id],
    )
  ).rows;

describe('booking workflow', () => {
  it('pending → approved → checked out → checked in → completed, each step audited', async () => {
    const van = await api.resource(coordinator, { name: 'Workflow van' });
    // Under way: it started half an hour ago (check-out, check-in and completion wait for the start).
    const started = await api.book(amina, {
      resourceId: van.id,
      start: new Date(Date.now() - 1_800_000).toISOString(),
      end: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const b = started.json() as { id: string };
    const approved = await act(coordinator, b.id, 'approve', { reason: 'Trip plan seen' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: coordinator.user.id,
      decisionReason: 'Trip plan seen',
    });
    expect(approved.json().decidedAt).toBeTruthy();
    const out = await act(amina, b.id, 'check-out');
    expect(out.statusCode).toBe(200);
    expect(out.json().checkedOutAt).toBeTruthy();
    // Checked out: neither cancelled nor completed until it comes back.
    expect((await act(amina, b.id, 'cancel')).json().code).toBe('booking.invalid_transition');
    expect((await act(amina, b.id, 'complete')).json().code).toBe('booking.invalid_transition');
    expect((await act(amina, b.id, 'check-out')).statusCode).toBe(409);
    const back = await act(amina, b.id, 'check-in');
    expect(back.statusCode).toBe(200);
    expect(Date.parse(back.json().checkedInAt)).toBeGreaterThanOrEqual(Date.parse(back.json().checkedOutAt));
    expect((await act(amina, b.id, 'check-in')).statusCode).toBe(409);
    const done = await act(coordinator, b.id, 'complete');
    expect(done.json()).toMatchObject({ status: 'completed', canCancel: false });
    expect(done.json().completedAt).toBeTruthy();
    expect((await auditOf(b.id)).map((a) => [a.action, a.actor_id])).toEqual([
      ['booking.created', amina.user.id],
      ['booking.approved', coordinator.user.id],
      ['booking.checked_out', amina.user.id],
      ['booking.checked_in', amina.user.id],
      ['booking.completed', coordinator.user.id],
    ]);
  });

  it('refuses illegal transitions with 409 booking.invalid_transition', async () => {
    const van = await api.resource(coordinator, { name: 'Strict van' });
    const room = await api.resource(coordinator, { name: 'Strict room', type: 'room' });
    const p = await pending(amina, van.id);
    expect((await act(amina, p.id, 'complete')).json().code).toBe('booking.invalid_transition');
    expect((await act(amina, p.id, 'check-out')).json().code).toBe('booking.invalid_transition');
    expect((await act(amina, p.id, 'check-in')).json().code).toBe('booking.invalid_transition');
    const r = await pending(amina, van.id);
    await act(coordinator, r.id, 'reject', { reason: 'No driver' });
    for (const action of ['approve', 'cancel', 'complete']) {
      const res = await act(action === 'cancel' ? amina : coordinator, r.id, action, { reason: 'x' });
      expect(res.statusCode, `${action} of rejected`).toBe(409);
      expect(res.json().code).toBe('booking.invalid_transition');
    }
    const c = await pending(amina, van.id);
    await act(amina, c.id, 'cancel');
    expect((await act(coordinator, c.id, 'approve')).json().code).toBe('booking.invalid_transition');
    expect((await act(amina, c.id, 'cancel')).json().code).toBe('booking.invalid_transition');
    const a = await pending(amina, van.id);
    await act(coordinator, a.id, 'approve');
    expect((await act(coordinator, a.id, 'approve')).json().code).toBe('booking.invalid_transition');
    expect((await act(coordinator, a.id, 'reject', { reason: 'late' })).json().code).toBe(
      'booking.invalid_transition',
    );
    expect((await act(amina, a.id, 'check-in')).json().code).toBe('booking.invalid_transition');
    // Rooms are not checked out.
    const roomBooking = await pending(amina, room.id);
    await act(coordinator, roomBooking.id, 'approve');
    expect((await act(amina, roomBooking.id, 'check-out')).json().code).toBe('booking.invalid_transition');
    // An approved booking may be cancelled by its requester.
    expect((await act(amina, a.id, 'cancel')).json().status).toBe('cancelled');
  });

  it('rejects only with a reason, recorded on the booking and in the audit log', async () => {
    const van = await api.resource(coordinator, { name: 'Reject van' });
    const b = await pending(amina, van.id);
    const none = await act(coordinator, b.id, 'reject');
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('request.invalid');
    const blank = await act(coordinator, b.id, 'reject', { reason: '  ' });
    expect(blank.statusCode).toBe(422);
    const res = await act(coordinator, b.id, 'reject', { reason: 'The van is needed for the MANA team' });
    expect(res.json()).toMatchObject({
      status: 'rejected',
      decisionReason: 'The van is needed for the MANA team',
    });
    const audit = await auditOf(b.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'booking.rejected',
      data: { from: 'pending', to: 'rejected', reason: 'The van is needed for the MANA team' },
    });
  });

  it('lets only the resource’s approvers decide: named approvers, else coordinators and admins', async () => {
    const named = await api.resource(coordinator, {
      name: 'Named van',
      rules: { approverIds: [approver.user.id] },
    });
    const open = await api.resource(coordinator, { name: 'Open van' });
    const b1 = await pending(amina, named.id);
    const byCoordinator = await act(coordinator, b1.id, 'approve');
    expect(byCoordinator.statusCode).toBe(403);
    expect(byCoordinator.json().code).toBe('auth.forbidden');
    expect((await api.req(approver, 'GET', `/api/v1/bookings/${b1.id}`)).json().canApprove).toBe(true);
    expect((await act(approver, b1.id, 'approve')).json().status).toBe('approved');
    const b2 = await pending(amina, named.id);
    expect((await act(admin, b2.id, 'approve')).statusCode).toBe(200); // admins stand in
    const b3 = await pending(amina, open.id);
    // The approver of another resource neither sees nor decides this one.
    expect((await act(approver, b3.id, 'approve')).statusCode).toBe(404);
    expect((await act(omar, b3.id, 'approve')).statusCode).toBe(404);
    // The requester sees her booking but does not approve it herself.
    expect((await act(amina, b3.id, 'approve')).statusCode).toBe(403);
    expect((await act(coordinator, b3.id, 'approve')).statusCode).toBe(200);
  });

  it('another user’s booking cannot be cancelled: 404 when you cannot see it, 403 when you can', async () => {
    const van = await api.resource(coordinator, { name: 'Cancel van' });
    const b = await pending(amina, van.id);
    const byOmar = await act(omar, b.id, 'cancel');
    expect(byOmar.statusCode).toBe(404);
    expect(byOmar.json().code).toBe('booking.not_found');
    const byCoordinator = await act(coordinator, b.id, 'cancel');
    expect(byCoordinator.statusCode).toBe(403);
    expect(byCoordinator.json().code).toBe('auth.forbidden');
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`)).json().status).toBe('pending');
    const mine = await act(amina, b.id, 'cancel', { reason: 'Trip postponed' });
    expect(mine.json()).toMatchObject({ status: 'cancelled' });
    expect(mine.json().cancelledAt).toBeTruthy();
    expect((await auditOf(b.id)).at(-1)).toMatchObject({
      action: 'booking.cancelled',
      actor_id: amina.user.id,
      data: { from: 'pending', to: 'cancelled', reason: 'Trip postponed' },
    });
    // An administrator may cancel for a requester who cannot.
    const other = await pending(amina, van.id);
    expect((await act(admin, other.id, 'cancel')).json().status).toBe('cancelled');
  });

  it('does not approve a booking of a resource that went into maintenance', async () => {
    const van = await api.resource(coordinator, { name: 'Broken van' });
    const b = await pending(amina, van.id);
    await api.req(coordinator, 'PATCH', `/api/v1/resources/${van.id}`, { status: 'maintenance' });
    const res = await act(coordinator, b.id, 'approve');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('booking.resource_unavailable');
  });
});

describe('bulk decisions', () => {
  it('approves many at once, answering per id', async () => {
    const van = await api.resource(coordinator, { name: 'Bulk van' });
    const a = await pending(amina, van.id);
    const b = await pending(omar, van.id);
    const c = await pending(amina, van.id);
    await act(amina, c.id, 'cancel');
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await api.req(coordinator, 'POST', '/api/v1/bookings/approve', {
      ids: [a.id, b.id, c.id, missing],
      reason: 'Weekly approvals',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toMatchObject([
      { id: a.id, ok: true, booking: { status: 'approved', decisionReason: 'Weekly approvals' } },
      { id: b.id, ok: true, booking: { status: 'approved' } },
      { id: c.id, ok: false, error: { code: 'booking.invalid_transition', status: 409 } },
      { id: missing, ok: false, error: { code: 'booking.not_found', status: 404 } },
    ]);
  });

  it('rejects many with a required reason; a user who may not decide gets per-id refusals', async () => {
    const van = await api.resource(coordinator, { name: 'Bulk reject van' });
    const a = await pending(amina, van.id);
    const b = await pending(omar, van.id);
    const noReason = await api.req(coordinator, 'POST', '/api/v1/bookings/reject', { ids: [a.id] });
    expect(noReason.statusCode).toBe(422);
    const byStaff = await api.req(amina, 'POST', '/api/v1/bookings/reject', {
      ids: [a.id, b.id],
      reason: 'no',
    });
    expect(byStaff.json().results).toMatchObject([
      { id: a.id, ok: false, error: { code: 'auth.forbidden', status: 403 } },
      { id: b.id, ok: false, error: { code: 'booking.not_found', status: 404 } },
    ]);
    const res = await api.req(coordinator, 'POST', '/api/v1/bookings/reject', {
      ids: [a.id, b.id],
      reason: 'Holiday',
    });
    expect(res.json().results.map((r: { booking: { status: string } }) => r.booking.status)).toEqual([
      'rejected',
      'rejected',
    ]);
    expect((await auditOf(b.id)).map((x) => x.action)).toEqual(['booking.created', 'booking.rejected']);
  });
});
