import type { Calendar, Item, Occurrence, Page, User } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser, occurrenceOf } from '../../test/fixtures';
import { renderSignedIn } from '../../test/render-app';
import { OccurrencePopover } from './occurrence-popover';

/** What the popover says on its "When" line (Intl's thin and narrow spaces read as spaces). */
const when = (dialog: HTMLElement) =>
  within(dialog).getByText('When').nextElementSibling?.textContent?.replace(/\s/g, ' ');

const staff = aUser();
const coordinator = aUser({
  id: '00000000-0000-4000-8000-000000000002',
  name: 'Datu Piang',
  email: 'datu.piang@oobc.gov.ph',
  role: 'coordinator',
});

const decided: Record<string, string> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };

/** The popover of `occurrence` as `viewer` sees it, the API answering with `it`. */
function open(viewer: User, it: Item, occurrence: Occurrence) {
  const api = stubApi({
    'GET /auth/me': () => reply(aSession(viewer)),
    'GET /calendars': () => reply<Page<Calendar>>({ items: [aCalendar(staff)], nextCursor: null }),
    'GET /items/:id': () => reply<Item>(it),
    'POST /items/:id/leave/:decision': (r) =>
      reply<Item>({
        ...it,
        details: { ...it.details, approvalStatus: decided[r.path.split('/').at(-1) ?? ''] },
      }),
  });
  const onEdit = vi.fn();
  const onDelete = vi.fn();
  renderSignedIn(
    <OccurrencePopover
      occurrence={occurrence}
      anchor={null}
      zone={OFFICE_TIME_ZONE}
      onClose={() => {}}
      onEdit={onEdit}
      onDelete={onDelete}
    />,
    '/calendar',
  );
  return { api, onEdit, onDelete };
}

describe('the occurrence popover', () => {
  it('shows what, when, where and which calendar, and offers the actions of an editor', async () => {
    const meeting = anItem();
    const { api, onEdit } = open(staff, meeting, occurrenceOf(meeting));
    const dialog = await screen.findByRole('dialog', { name: 'Weekly coordination huddle' });
    expect(within(dialog).getByText('Coordination event · repeats')).toBeTruthy();
    expect(when(dialog)).toBe('Monday, March 4, 2030, 9:00 – 10:00 AM');
    expect(within(dialog).getByText('Conference Room A')).toBeTruthy();
    expect(await within(dialog).findByText("Norhana Ali's calendar")).toBeTruthy();
    expect(within(dialog).getByText('Confirmed')).toBeTruthy();
    expect(within(dialog).getByText('Meeting')).toBeTruthy();
    expect(await within(dialog).findByText('Updates from each unit.')).toBeTruthy();

    const participants = within(dialog).getByRole('link', { name: 'Participants' });
    expect(participants.getAttribute('href')).toBe(
      `/calendar/items/${meeting.id}/participants?occurrence=2030-03-04T09%3A00%3A00`,
    );
    expect(within(dialog).getByRole('link', { name: 'Book a resource' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Edit' }));
    expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ itemId: meeting.id }));
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(api.unanswered).toEqual([]);
  });

  it('shows a private item of someone else only as busy time, with nothing to edit', async () => {
    const hidden = anItem({
      title: 'Busy',
      description: null,
      location: null,
      visibility: 'private',
      rrule: null,
      details: {},
      canEdit: false,
    });
    const { api } = open(coordinator, hidden, occurrenceOf(hidden, { details: {} }));
    const dialog = await screen.findByRole('dialog', { name: 'Busy' });
    expect(within(dialog).getByText('Coordination event')).toBeTruthy();
    expect(when(dialog)).toBe('Monday, March 4, 2030, 9:00 – 10:00 AM');
    await vi.waitFor(() => expect(api.sent.some((r) => r.path === `/items/${hidden.id}`)).toBe(true));
    expect(within(dialog).queryByText('Where')).toBeNull();
    expect(within(dialog).queryByText('Type')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  const leave = anItem({
    id: '00000000-0000-4000-8000-0000000000d2',
    kind: 'leave',
    title: 'Vacation leave',
    description: null,
    location: null,
    allDay: true,
    start: '2030-03-11',
    end: '2030-03-14',
    dtstart: '2030-03-11',
    dtend: '2030-03-14',
    rrule: null,
    details: { leaveType: 'vacation', approvalStatus: 'pending' },
    canEdit: false,
  });

  it('lets an approver approve someone’s pending leave and says so', async () => {
    const { api } = open(coordinator, leave, occurrenceOf(leave, { editable: false, status: 'confirmed' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vacation leave' });
    expect(within(dialog).getByText('Staff leave')).toBeTruthy();
    // One status that tells the truth: the approval, never "Confirmed" beside "Pending".
    expect(within(dialog).queryByText('Confirmed')).toBeNull();
    expect(within(dialog).queryByText('Status')).toBeNull();
    expect(when(dialog)).toBe('Monday, March 11 – Wednesday, March 13, 2030');
    expect(within(dialog).getByText('Vacation')).toBeTruthy();
    expect(within(dialog).getByText('Pending')).toBeTruthy();
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByText('Leave approved.')).toBeTruthy();
    expect(api.writes()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/items/${leave.id}/leave/approve`,
        body: { reason: null },
      }),
    ]);
    // Leave has no participants and is not booked for.
    expect(within(dialog).queryByRole('link', { name: 'Participants' })).toBeNull();
  });

  it('lets staff cancel their own leave request but not approve it', async () => {
    const { api } = open(staff, leave, occurrenceOf(leave, { editable: false }));
    const dialog = await screen.findByRole('dialog', { name: 'Vacation leave' });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Cancel leave' }));
    expect(within(dialog).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(await within(dialog).findByText('Leave cancelled.')).toBeTruthy();
    expect(api.writes().map((r) => r.path)).toEqual([`/items/${leave.id}/leave/cancel`]);
  });
});
