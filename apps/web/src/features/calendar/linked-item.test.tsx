import type { Calendar, Community, Feed, Item, Page } from '@kalendaryo/contract';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser, occurrenceOf } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

describe('a link into the calendar that names an item', () => {
  it('opens that item’s details on its day, once', async () => {
    const me = aUser();
    const meeting = anItem({ rrule: null, title: 'Dialogue with the Teduray elders' });
    stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /calendars': () => reply<Page<Calendar>>({ items: [aCalendar(me)], nextCursor: null }),
      'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
      'GET /calendar': () =>
        reply<Feed>({ occurrences: [occurrenceOf(meeting)], truncated: false, truncatedSeries: [] }),
      'GET /items/:id': () => reply<Item>(meeting),
    });
    const { router } = renderApp(`/calendar?item=${meeting.id}&date=2030-03-04`);
    expect(
      await screen.findByRole('dialog', { name: 'Dialogue with the Teduray elders' }, { timeout: 10_000 }),
    ).toBeTruthy();
    await waitFor(() => expect(router.state.location.search).toBe('?date=2030-03-04'));
  });
});
