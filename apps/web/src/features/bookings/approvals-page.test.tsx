import type { Booking, BulkDecisionResult, Page, Resource } from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { aBooking, aResource, aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const coordinator = aUser({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Datu Piang',
  role: 'coordinator',
});
const van = aResource({ name: 'Van 1', canApprove: true, canManage: true });
const requester = { id: aUser().id, name: 'Norhana Ali' };
const request = (n: number, purpose: string): Booking =>
  aBooking({
    id: `00000000-0000-4000-8000-0000000000b${n}`,
    purpose,
    requester,
    start: `2030-03-0${n}T01:00:00Z`,
    end: `2030-03-0${n}T03:00:00Z`,
    canApprove: true,
    canCancel: false,
  });
const visit = request(4, 'Field visit to Barangay Tamontaka');
const training = request(5, 'Paralegal training in Upi');
const survey = request(6, 'Community survey in Datu Odin Sinsuat');

/** The approvals queue against an API whose pending list shrinks as bookings are decided. */
function stubQueue(decide: (ids: string[], reason?: string) => BulkDecisionResult['results']) {
  let pending = [visit, training, survey];
  return stubApi({
    'GET /auth/me': () => reply(aSession(coordinator)),
    'GET /resources': () => reply<Page<Resource>>({ items: [van], nextCursor: null }),
    'GET /bookings': () => reply<Page<Booking>>({ items: pending, nextCursor: null }),
    'POST /bookings/approve': (req) => answer(req.body),
    'POST /bookings/reject': (req) => answer(req.body),
  });
  function answer(body: unknown) {
    const { ids, reason } = body as { ids: string[]; reason?: string };
    const results = decide(ids, reason);
    const decided = new Set(results.filter((r) => r.ok).map((r) => r.id));
    pending = pending.filter((b) => !decided.has(b.id));
    return reply<BulkDecisionResult>({ results });
  }
}

describe('the approvals queue', () => {
  it('rejects several requests with a reason and says which ones could not be rejected', async () => {
    const api = stubQueue((ids, reason) => [
      { id: ids[0]!, ok: true, booking: { ...visit, status: 'rejected', decisionReason: reason ?? null } },
      {
        id: ids[1]!,
        ok: false,
        error: { code: 'booking.invalid_transition', status: 409, detail: 'The requester cancelled it.' },
      },
    ]);
    const { user } = renderApp('/bookings/approvals');

    const queue = await screen.findByRole('region', { name: 'Pending requests' }, { timeout: 5000 });
    const rows = within(queue).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      visit.purpose,
      training.purpose,
      survey.purpose,
    ]);
    expect(within(rows[0]!).getByRole('cell', { name: 'Norhana Ali' })).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: `Select “${visit.purpose}”` }));
    await user.click(screen.getByRole('checkbox', { name: `Select “${training.purpose}”` }));
    expect(screen.getByText('2 selected.')).toBeTruthy();

    // A rejection needs a reason the requesters will read.
    await user.click(screen.getByRole('button', { name: 'Reject selected' }));
    expect(screen.getByText('Give a reason to reject: the requesters will see it.')).toBeTruthy();
    expect(api.to('POST', '/bookings/reject')).toEqual([]);

    await user.type(screen.getByLabelText('Reason'), 'The van is due for its service that week.');
    await user.click(screen.getByRole('button', { name: 'Reject selected' }));

    const outcome = await screen.findByRole('alert');
    expect(within(outcome).getByText('Rejected 1 booking; 1 booking could not be rejected.')).toBeTruthy();
    expect(within(outcome).getByRole('listitem').textContent).toBe(
      `“${training.purpose}”: The requester cancelled it.`,
    );
    expect(api.to('POST', '/bookings/reject').map((r) => r.body)).toEqual([
      { ids: [visit.id, training.id], reason: 'The van is due for its service that week.' },
    ]);
    // The rejected request leaves the queue; the one that failed stays selected.
    await waitFor(() => expect(within(queue).queryByText(visit.purpose)).toBeNull());
    expect(screen.getByText('1 selected.')).toBeTruthy();
    expect(
      (screen.getByRole('checkbox', { name: `Select “${training.purpose}”` }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(api.unanswered).toEqual([]);
  });

  it('approves all requests at once, without a reason', async () => {
    const api = stubQueue((ids) => ids.map((id) => ({ id, ok: true })));
    const { user } = renderApp('/bookings/approvals');

    await user.click(await screen.findByRole('checkbox', { name: 'Select all requests' }, { timeout: 5000 }));
    expect(screen.getByText('3 selected.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));

    expect((await screen.findByText('Approved 3 bookings.')).closest('[role="status"]')).not.toBeNull();
    await screen.findByText('No requests are waiting for you.');
    expect(api.to('POST', '/bookings/approve').map((r) => r.body)).toEqual([
      { ids: [visit.id, training.id, survey.id] },
    ]);
    expect(api.unanswered).toEqual([]);
  });

  it('is closed to staff who approve no resource', async () => {
    stubApi({
      'GET /auth/me': () => reply(aSession(aUser({ role: 'staff' }))),
      'GET /resources': () =>
        reply<Page<Resource>>({ items: [aResource({ canApprove: false })], nextCursor: null }),
      'GET /bookings': () => reply<Page<Booking>>({ items: [], nextCursor: null }),
    });
    renderApp('/bookings/approvals');
    const denied = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(within(denied).getByRole('heading', { name: 'Access denied' })).toBeTruthy();
  });
});
