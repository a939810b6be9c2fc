import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ItemFormPage } from './item-form-page';
import { item, me, myCalendar, renderApp, session, stubApi } from './test-app';

afterEach(() => vi.unstubAllGlobals());

describe('saving an item whose bookings cannot follow', () => {
  it('explains the taken room and saves without the bookings when asked', async () => {
    const visit = item({ title: 'Field visit', calendarId: myCalendar.id });
    let patches = 0;
    const api = stubApi({
      'GET /auth/me': () => session(me),
      'GET /calendars': () => ({ items: [myCalendar], nextCursor: null }),
      'GET /communities': () => ({ items: [], nextCursor: null }),
      'GET /items/:id': () => visit,
      'PATCH /items/:id': (r) => {
        patches += 1;
        if (r.query.get('bookings') === 'keep')
          return { ...visit, location: 'Hall', version: visit.version + 1 };
        return new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'The resource is already booked for that time',
            status: 409,
            code: 'booking.conflict',
            detail:
              'The resource is already booked: 2030-03-04T01:00:00.000Z–2030-03-04T03:00:00.000Z (approved).',
            conflicts: [],
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      },
    });
    renderApp({
      path: `/calendar/items/${visit.id}/edit?back=/calendar`,
      routes: [
        { path: '/calendar/items/:id/edit', element: <ItemFormPage /> },
        { path: '/calendar', element: <h1>Calendar</h1> },
      ],
    });
    const form = await screen.findByRole('form', { name: 'Edit item' });
    await userEvent.type(within(form).getByLabelText('Location'), 'Hall');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already booked');
    expect(alert.textContent).toContain('cancelled');
    expect(api.writes()[0]!.query.get('bookings')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Save without the bookings' }));
    expect(await screen.findByRole('heading', { name: 'Calendar' })).toBeTruthy();
    expect(patches).toBe(2);
    expect(api.writes()[1]!.query.get('bookings')).toBe('keep');
  });
});
