import type { Item, LeaveRequest, Page } from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const coordinator = aUser({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Datu Piang',
  role: 'coordinator',
});
const norhana = {
  id: '00000000-0000-4000-8000-000000000011',
  name: 'Norhana Ali',
  email: 'norhana@oobc.gov.ph',
};
const bai = { id: '00000000-0000-4000-8000-000000000012', name: 'Bai Sittie', email: 'bai@oobc.gov.ph' };

function aLeave(n: number, requester: typeof norhana, leaveType: string, patch: Partial<LeaveRequest> = {}) {
  const leave: LeaveRequest = {
    id: `00000000-0000-4000-8000-0000000000c${n}`,
    version: 1,
    kind: 'leave',
    calendarId: '00000000-0000-4000-8000-0000000000aa',
    title: 'Leave',
    description: null,
    location: null,
    allDay: true,
    start: `2030-06-0${n}`,
    end: `2030-06-0${n + 2}`,
    dtstart: `2030-06-0${n}`,
    dtend: `2030-06-0${n + 2}`,
    timeZone: 'Asia/Manila',
    rrule: null,
    exdates: [],
    rdates: [],
    status: 'tentative',
    visibility: 'default',
    organizerId: requester.id,
    communityId: null,
    color: null,
    uid: `leave-${n}@kalendaryo`,
    sequence: 0,
    splitFromId: null,
    details: { leaveType, approvalStatus: 'pending' },
    exceptions: [],
    canEdit: false,
    createdAt: '2030-05-01T00:00:00Z',
    updatedAt: '2030-05-01T00:00:00Z',
    requester,
    backup: null,
    ...patch,
  };
  return leave;
}

const vacation = aLeave(1, norhana, 'vacation', { backup: { id: bai.id, name: bai.name } });
const official = aLeave(4, bai, 'official');
const own = aLeave(7, { ...coordinator, email: coordinator.email }, 'sick');

/** The leave queue against an API whose pending list shrinks as requests are decided. */
function stubQueue(refuse: ReadonlySet<string> = new Set()) {
  let pending = [vacation, official, own];
  const routes: Parameters<typeof stubApi>[0] = {
    'GET /auth/me': () => reply(aSession(coordinator)),
    'GET /leave': () => reply<Page<LeaveRequest>>({ items: pending, nextCursor: null }),
  };
  for (const leave of pending)
    for (const decision of ['approve', 'reject'] as const) {
      routes[`POST /items/${leave.id}/leave/${decision}`] = () => {
        if (refuse.has(leave.id))
          return problem('leave.invalid_transition', 'A cancelled leave request cannot be approved.');
        pending = pending.filter((l) => l.id !== leave.id);
        return reply<Item>({ ...leave, details: { ...leave.details, approvalStatus: `${decision}d` } });
      };
    }
  return stubApi(routes);
}

afterEach(() => vi.unstubAllGlobals());

describe('the leave queue', () => {
  it('lists pending leave of others with requester, type, dates and backup, and approves several', async () => {
    const api = stubQueue(new Set([official.id]));
    const { user } = renderApp('/leave/approvals');

    const queue = await screen.findByRole('region', { name: 'Pending leave' }, { timeout: 5000 });
    const rows = within(queue).getAllByRole('row').slice(1);
    // The coordinator's own leave is decided by someone else: it is not in their queue.
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Norhana AliLeave',
      'Bai SittieLeave',
    ]);
    expect(within(rows[0]!).getByRole('cell', { name: 'Vacation' })).toBeTruthy();
    expect(within(rows[0]!).getByRole('cell', { name: 'Bai Sittie' })).toBeTruthy();
    expect(within(rows[1]!).getByRole('cell', { name: 'Official business' })).toBeTruthy();
    expect(within(rows[0]!).getByRole('cell', { name: /June 1.*June 2, 2030/ })).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Select all leave requests' }));
    expect(screen.getByText('2 selected.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));

    const outcome = await screen.findByRole('alert');
    expect(
      within(outcome).getByText('Approved 1 leave request; 1 leave request could not be approved.'),
    ).toBeTruthy();
    expect(within(outcome).getByRole('listitem').textContent).toBe(
      '“Bai Sittie: Leave”: A cancelled leave request cannot be approved.',
    );
    expect(api.to('POST', `/items/${vacation.id}/leave/approve`).map((r) => r.body)).toEqual([
      { reason: null },
    ]);
    await waitFor(() => expect(within(queue).queryByText('Norhana Ali')).toBeNull());
    expect(screen.getByText('1 selected.')).toBeTruthy();
    expect(api.to('POST', `/items/${own.id}/leave/approve`)).toEqual([]);
    expect(api.unanswered).toEqual([]);
  });

  it('rejects only with a reason, which goes to the requester', async () => {
    const api = stubQueue();
    const { user } = renderApp('/leave/approvals');
    await user.click(
      await screen.findByRole('button', { name: 'Reject the leave of Norhana Ali' }, { timeout: 5000 }),
    );
    expect(screen.getByText('Give a reason to reject: the requester will see it.')).toBeTruthy();
    expect(api.to('POST', `/items/${vacation.id}/leave/reject`)).toEqual([]);
    await user.type(screen.getByLabelText('Reason'), 'Audit week: please move it.');
    await user.click(screen.getByRole('button', { name: 'Reject the leave of Norhana Ali' }));
    expect(await screen.findByText('Rejected 1 leave request.')).toBeTruthy();
    expect(api.to('POST', `/items/${vacation.id}/leave/reject`).map((r) => r.body)).toEqual([
      { reason: 'Audit week: please move it.' },
    ]);
  });

  it('is closed to staff', async () => {
    const api = stubApi({ 'GET /auth/me': () => reply(aSession(aUser({ role: 'staff' }))) });
    renderApp('/leave/approvals');
    const denied = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(within(denied).getByRole('heading', { name: 'Access denied' })).toBeTruthy();
    expect(api.to('GET', '/leave')).toEqual([]);
  });
});
