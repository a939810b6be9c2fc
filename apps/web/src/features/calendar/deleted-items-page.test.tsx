import type { DeletedItem, Page, RestoredItem } from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { anItem, aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const me = aUser();
const deleted = (id: string, title: string): DeletedItem => ({
  id,
  kind: 'event',
  title,
  calendarId: anItem().calendarId,
  start: '2030-03-04T01:00:00.000Z',
  deletedAt: '2030-03-01T02:00:00.000Z',
  deletedBy: me.id,
  restorableUntil: '2030-03-31T02:00:00.000Z',
});
const BUDGET = '00000000-0000-4000-8000-0000000000e1';
const LEAVE = '00000000-0000-4000-8000-0000000000e2';

describe('recently deleted', () => {
  it('lists what may be restored, restores an item, and says why another cannot come back', async () => {
    let list = [deleted(BUDGET, 'Budget review'), deleted(LEAVE, 'Vacation')];
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /items/deleted': () => reply<Page<DeletedItem>>({ items: list, nextCursor: null }),
      [`POST /items/${BUDGET}/restore`]: () => {
        list = list.filter((d) => d.id !== BUDGET);
        return reply<RestoredItem>({
          ...anItem({ id: BUDGET, title: 'Budget review' }),
          cancelledBookings: [],
        });
      },
      [`POST /items/${LEAVE}/restore`]: () =>
        problem('leave.overlap', 'The dates overlap your pending leave from 2030-03-05 to 2030-03-06.'),
    });
    const { user } = renderApp('/calendar/deleted');
    const table = await screen.findByRole('region', { name: 'Deleted items' });
    expect(within(table).getByRole('rowheader', { name: /Budget review/ })).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: 'Restore “Budget review”' }));
    expect(await screen.findByText(/Restored “Budget review”\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open it' }).getAttribute('href')).toBe(
      `/calendar/items/${BUDGET}`,
    );
    await waitFor(() => expect(within(table).queryByRole('rowheader', { name: /Budget review/ })).toBeNull());

    await user.click(within(table).getByRole('button', { name: 'Restore “Vacation”' }));
    expect(await screen.findByText(/“Vacation” could not be restored: .*overlap/)).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: /Vacation/ })).toBeTruthy();
    expect(api.unanswered).toEqual([]);
  });
});
