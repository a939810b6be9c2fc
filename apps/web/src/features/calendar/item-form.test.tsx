import type { CreateItemBody } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../../test/api-stub';
import { createdBody, me, myCalendar, openNewItemForm } from './new-item-form.testing';

const form = () => screen.findByRole('form', { name: 'New item' });

describe('the item form', () => {
  it('creates a community event: its own fields appear, the required category is asked for, and the request carries them', async () => {
    const { api } = openNewItemForm();
    const f = await form();
    expect(within(f).getByLabelText('Event type')).toBeTruthy();
    await userEvent.selectOptions(within(f).getByLabelText('Kind'), 'Community event');
    expect(within(f).queryByLabelText('Event type')).toBeNull();
    expect(within(f).getByRole('group', { name: 'Community event details' })).toBeTruthy();
    await userEvent.type(within(f).getByLabelText('Title'), 'Kanduli celebration');
    await userEvent.type(within(f).getByLabelText('Location'), 'Barangay hall');
    await userEvent.selectOptions(within(f).getByLabelText('Impact on service delivery'), 'Medium');
    await userEvent.type(within(f).getByLabelText('Impact notes'), 'Offices close at noon.');

    // The category is required: nothing is sent until it is chosen.
    await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
    expect(within(f).getByText('Choose a category')).toBeTruthy();
    expect(document.activeElement).toBe(within(f).getByLabelText('Category'));
    expect(api.writes()).toEqual([]);

    await userEvent.selectOptions(within(f).getByLabelText('Category'), 'Religious');
    await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
    // After saving, the calendar page loads lazily: on a loaded machine that takes longer than 1 s.
    expect(await screen.findByRole('heading', { name: 'Calendar' }, { timeout: 10_000 })).toBeTruthy();
    const body: CreateItemBody = {
      kind: 'community_event',
      title: 'Kanduli celebration',
      calendarId: myCalendar.id,
      allDay: false,
      start: '2030-03-04T09:00:00',
      end: '2030-03-04T10:00:00',
      timeZone: OFFICE_TIME_ZONE,
      location: 'Barangay hall',
      description: null,
      communityId: null,
      status: 'confirmed',
      visibility: 'default',
      color: null,
      details: { eventCategory: 'religious', serviceImpact: 'medium', impactNotes: 'Offices close at noon.' },
    };
    expect(api.writes()).toEqual([expect.objectContaining({ method: 'POST', path: '/items', body })]);
  });

  it.each([
    ['Staff task', ['Priority', 'Progress', 'Due', 'Assignee']],
    ['Staff leave', ['Leave type']],
    ['Stakeholder engagement', ['Engagement type', 'Stakeholders', 'Objectives']],
    ['MANA assessment', ['Assessment type', 'Team', 'Objectives']],
  ])('shows the fields of a %s', async (kind, labels) => {
    openNewItemForm();
    const f = await form();
    await userEvent.selectOptions(within(f).getByLabelText('Kind'), kind);
    const group = within(f).getByRole('group', { name: `${kind} details` });
    for (const label of labels) expect(within(group).getByLabelText(label)).toBeTruthy();
    expect(within(f).queryByLabelText('Event type')).toBeNull();
  });

  it('sends a task with its priority and due time as an instant in the item’s zone', async () => {
    const { api } = openNewItemForm();
    const f = await form();
    await userEvent.selectOptions(within(f).getByLabelText('Kind'), 'Staff task');
    await userEvent.type(within(f).getByLabelText('Title'), 'Submit the quarterly report');
    await userEvent.selectOptions(within(f).getByLabelText('Priority'), 'Urgent');
    await userEvent.selectOptions(within(f).getByLabelText('Assignee'), `Me (${me.name})`);
    await userEvent.type(within(f).getByLabelText('Due'), '2030-03-08T17:00');
    await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
    await screen.findByRole('heading', { name: 'Calendar' }, { timeout: 10_000 });
    expect(createdBody(api).details).toEqual({
      priority: 'urgent',
      taskStatus: 'todo',
      dueAt: '2030-03-08T09:00:00.000Z',
      assigneeId: me.id,
    });
  });

  it('shows the server’s refusal beside the field and stays on the form', async () => {
    openNewItemForm(() =>
      problem('request.invalid', undefined, {
        errors: [{ field: 'title', message: 'A title like this is already taken', code: 'taken' }],
      }),
    );
    const f = await form();
    await userEvent.type(within(f).getByLabelText('Title'), 'Staff meeting');
    await userEvent.click(within(f).getByRole('button', { name: 'Create' }));
    expect(await within(f).findByText('A title like this is already taken')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Calendar' })).toBeNull();
  });
});
