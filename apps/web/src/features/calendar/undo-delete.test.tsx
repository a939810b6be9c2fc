import type { Calendar, Community, Feed, Item, Page, RestoredItem } from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser, occurrenceOf } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const me = aUser();

/** The calendar page on an agenda of March 2030 holding `item` until it is deleted, back once restored. */
function calendarWith(item: Item) {
  let deleted = false;
  const api = stubApi({
    'GET /auth/me': () => reply(aSession(me)),
    'GET /calendars': () => reply<Page<Calendar>>({ items: [aCalendar(me)], nextCursor: null }),
    'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
    'GET /calendar': () =>
      reply<Feed>({
        occurrences: deleted ? [] : [occurrenceOf(item)],
        truncated: false,
        truncatedSeries: [],
      }),
    'GET /items/:id': () => reply<Item>(item),
    'DELETE /items/:id': () => {
      deleted = true;
      return { status: 204 };
    },
    'POST /items/:id/restore': () => {
      deleted = false;
      return reply<RestoredItem>({
        ...item,
        version: item.version + 1,
        cancelledBookings: [
          {
            id: '00000000-0000-4000-8000-0000000000b1',
            resourceId: '00000000-0000-4000-8000-0000000000c1',
            resourceName: 'Van',
            start: item.start,
            end: item.end,
          },
        ],
      });
    },
  });
  return api;
}

describe('undoing a deletion', () => {
  it('says what was deleted, and “Undo” brings the item back on the calendar', async () => {
    const meeting = anItem({ rrule: null, title: 'Budget review' });
    const api = calendarWith(meeting);
    const { user } = renderApp('/calendar?view=agenda&date=2030-03-04');

    // The grid is loaded on demand (a separate chunk): give it time on a busy machine.
    await user.click(await screen.findByRole('button', { name: /Budget review/ }, { timeout: 15_000 }));
    const popover = await screen.findByRole('dialog', { name: 'Budget review' });
    await user.click(await within(popover).findByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete “Budget review”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Deleted “Budget review”.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: /Budget review/ })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByText(
        'Restored “Budget review”. Its booking of Van stays cancelled: book again if you still need it.',
      ),
    ).toBeTruthy();
    expect(await screen.findByRole('button', { name: /Budget review/ })).toBeTruthy();
    expect(api.sent.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /items/${meeting.id}`,
      `POST /items/${meeting.id}/restore`,
    ]);
    expect(api.unanswered).toEqual([]);
  });
});
