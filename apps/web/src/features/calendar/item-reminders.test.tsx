import type {
  Calendar,
  Community,
  Feed,
  FreeBusy,
  Item,
  ItemReminders,
  Page,
  Preferences,
} from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser, somePreferences } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { createdBody, openNewItemForm } from './new-item-form.testing';

describe('reminders in the item form', () => {
  it('starts from the person’s defaults, which a new item leaves to the server unless changed', async () => {
    const { api } = openNewItemForm();
    const form = await screen.findByRole('form', { name: 'New item' }, { timeout: 5000 });
    const reminders = await within(form).findByRole('group', { name: 'Reminders' });
    expect(within(reminders).getByText('Your defaults apply: 15 minutes before.')).toBeTruthy();
    expect(within(reminders).getByRole('checkbox', { name: '15 minutes before' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(reminders).getByRole('button', { name: 'Use my defaults' })).toHaveProperty(
      'disabled',
      true,
    );

    await userEvent.click(within(reminders).getByRole('checkbox', { name: '1 day before' }));
    await userEvent.type(within(reminders).getByLabelText('Other time (minutes before)'), '45{Enter}');
    expect(within(reminders).getByRole('checkbox', { name: '45 minutes before' })).toHaveProperty(
      'checked',
      true,
    );
    await userEvent.type(within(form).getByLabelText('Title'), 'Budget review');
    await userEvent.click(within(form).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(api.to('POST', '/items')).toHaveLength(1));
    expect(createdBody(api).reminders).toEqual([15, 45, 1440]);
  });

  it('sends no reminders for a new item on the defaults', async () => {
    const { api } = openNewItemForm();
    const form = await screen.findByRole('form', { name: 'New item' }, { timeout: 5000 });
    await within(form).findByRole('group', { name: 'Reminders' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Budget review');
    await userEvent.click(within(form).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(api.to('POST', '/items')).toHaveLength(1));
    expect(createdBody(api)).not.toHaveProperty('reminders');
  });

  it('reads an item’s own reminders and writes only them when nothing else changed', async () => {
    const me = aUser();
    const calendar = aCalendar(me);
    const huddle = anItem({ calendarId: calendar.id });
    let stored: ItemReminders = { minutes: [30, 1440], usesDefaults: false };
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /calendars': () => reply<Page<Calendar>>({ items: [calendar], nextCursor: null }),
      'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
      'GET /calendar': () => reply<Feed>({ occurrences: [], truncated: false, truncatedSeries: [] }),
      'GET /freebusy': () => reply<FreeBusy>({ busy: [] }),
      'GET /items/:id/participants': () => reply({ items: [], nextCursor: null }),
      'GET /preferences': () => reply<Preferences>(somePreferences({ defaultReminders: [15, 60] })),
      'GET /items/:id': () => reply<Item>(huddle),
      'GET /items/:id/reminders': () => reply(stored),
      'PUT /items/:id/reminders': (r) => {
        stored = { minutes: (r.body as { minutes: number[] }).minutes, usesDefaults: false };
        return reply(stored);
      },
    });
    renderApp(`/calendar/items/${huddle.id}/edit?back=/calendar`);
    const form = await screen.findByRole('form', { name: 'Edit item' }, { timeout: 5000 });
    const reminders = await within(form).findByRole('group', { name: 'Reminders' });
    expect(
      within(reminders).getByText('Your own reminders for this item, before each occurrence.'),
    ).toBeTruthy();
    const on = () =>
      within(reminders)
        .getAllByRole('checkbox')
        .filter((c) => (c as HTMLInputElement).checked)
        .map((c) => c.parentElement?.textContent);
    expect(on()).toEqual(['30 minutes before', '1 day before']);

    // Back to the defaults: they are copied to this item.
    await userEvent.click(within(reminders).getByRole('button', { name: 'Use my defaults' }));
    expect(
      within(reminders).getByText('Your defaults apply: 15 minutes before, 1 hour before.'),
    ).toBeTruthy();
    expect(on()).toEqual(['15 minutes before', '1 hour before']);
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.to('PUT', `/items/${huddle.id}/reminders`)).toHaveLength(1));
    expect(api.to('PUT', `/items/${huddle.id}/reminders`)[0]!.body).toEqual({ minutes: [15, 60] });
    expect(api.writes().map((r) => r.method)).toEqual(['PUT']);
  });
});
