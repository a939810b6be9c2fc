import type { Calendar, Community, Feed, Item, Page } from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

describe('saving an item whose bookings cannot follow', () => {
  it('explains the taken room and saves without the bookings when asked', async () => {
    const me = aUser();
    const myCalendar = aCalendar(me);
    const visit = anItem({ title: 'Field visit', calendarId: myCalendar.id });
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /calendars': () => reply<Page<Calendar>>({ items: [myCalendar], nextCursor: null }),
      'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
      'GET /calendar': () => reply<Feed>({ occurrences: [], truncated: false, truncatedSeries: [] }),
      'GET /items/:id': () => reply<Item>(visit),
      'PATCH /items/:id': (r) =>
        r.query.get('bookings') === 'keep'
          ? reply<Item>({ ...visit, location: 'Hall', version: visit.version + 1 })
          : problem(
              'booking.conflict',
              'The resource is already booked: 2030-03-04T01:00:00.000Z–2030-03-04T03:00:00.000Z (approved).',
              { conflicts: [] },
            ),
    });
    renderApp(`/calendar/items/${visit.id}/edit?back=/calendar`);
    const form = await screen.findByRole('form', { name: 'Edit item' });
    await userEvent.type(within(form).getByLabelText('Location'), 'Hall');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already booked');
    expect(alert.textContent).toContain('cancelled');
    const patches = () => api.sent.filter((r) => r.method === 'PATCH');
    expect(patches()[0]!.query.get('bookings')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Save without the bookings' }));
    await waitFor(() => expect(patches()).toHaveLength(2));
    expect(patches()[1]!.query.get('bookings')).toBe('keep');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit item' })).toBeNull());
  });
});
