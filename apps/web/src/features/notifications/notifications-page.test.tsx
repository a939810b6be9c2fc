import type { Booking, Notification, NotificationPage, Page } from '@kalendaryo/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reply, stubApi } from '../../test/api-stub';
import { stubEventSource } from '../../test/event-source';
import { aBooking, aNotification, aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const me = aUser({ timeZone: 'Asia/Manila' });
const booking = aBooking({ status: 'approved', purpose: 'Field visit to Barangay Tamontaka' });
const approved = aNotification({ link: `${window.location.origin}/bookings?booking=${booking.id}` });
const invited = aNotification({
  id: '00000000-0000-4000-8000-0000000000e2',
  type: 'item.invited',
  title: 'Invitation: Dialogue with the Teduray elders',
  body: 'Datu Piang invited you to Dialogue with the Teduray elders on Tue 5 Mar, 14:00.',
  link: `${window.location.origin}/calendar?item=00000000-0000-4000-8000-0000000000d1`,
  createdAt: '2030-02-28T06:30:00Z',
  readAt: '2030-02-28T07:00:00Z',
});
const older = aNotification({
  id: '00000000-0000-4000-8000-0000000000e3',
  type: 'booking.rejected',
  title: 'Van 2 rejected',
  body: 'Reason: in the workshop that week.',
  createdAt: '2030-02-20T01:00:00Z',
});

/** An inbox with two pages (the second after the cursor "p2") whose messages can be read. */
function stubInbox(extra: Parameters<typeof stubApi>[0] = {}) {
  const all = [approved, invited, older];
  const readAt = new Map<string, string>();
  const current = (n: Notification) => ({ ...n, readAt: n.readAt ?? readAt.get(n.id) ?? null });
  const unread = () => all.map(current).filter((n) => n.readAt === null);
  return stubApi({
    'GET /auth/me': () => reply(aSession(me)),
    'GET /notifications/unread-count': () => reply({ unread: unread().length }),
    'GET /notifications': (req) => {
      const list = req.query.get('unread') === 'true' ? unread() : all.map(current);
      const second = req.query.get('cursor') === 'p2';
      return reply<NotificationPage>(
        second ? { items: list.slice(2), nextCursor: null } : { items: list.slice(0, 2), nextCursor: 'p2' },
      );
    },
    'POST /notifications/:id/read': (req) => {
      readAt.set(req.path.split('/')[2]!, '2030-03-04T01:00:00Z');
      return reply(current(all.find((n) => req.path.includes(n.id))!));
    },
    'POST /notifications/read-all': () => {
      const marked = unread().length;
      for (const n of unread()) readAt.set(n.id, '2030-03-04T01:00:00Z');
      return reply({ marked });
    },
    'GET /bookings': () => reply<Page<Booking>>({ items: [booking], nextCursor: null }),
    'GET /resources': () => reply({ items: [], nextCursor: null }),
    ...extra,
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the inbox', () => {
  it('lists messages newest first with their time in the person’s zone, pages on, and opens a link in the app', async () => {
    vi.useFakeTimers({ now: Date.parse('2030-03-01T01:05:00Z'), shouldAdvanceTime: true });
    const api = stubInbox();
    const { user, router } = renderApp('/notifications');

    const list = await screen.findByRole('list', { name: 'All messages' }, { timeout: 5000 });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      'Unread: Van 1 approved for Mon 4 Mar, 09:00',
      'Invitation: Dialogue with the Teduray elders',
    ]);
    expect(within(items[0]!).getByText('Datu Piang approved your request for Van 1.')).toBeTruthy();
    // Relative, and absolute in Manila (01:00Z is 9:00 am there).
    expect(items[0]!.querySelector('time')?.textContent).toMatch(/^5 minutes ago · Mar 1, 2030, 9:00\s?AM$/i);
    expect(items[1]!.querySelector('time')?.textContent).toMatch(/^19 hours ago · Feb 28, 2030, 2:30\s?PM$/i);
    expect(screen.getByRole('link', { name: 'Notifications, 2 unread' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Menu, 2 unread notifications' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(api.to('GET', '/notifications').map((r) => r.query.get('cursor'))).toEqual([null, 'p2']);
    // Focus lands on the first message that came with the page.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Van 2 rejected'));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    // Opening a message reads it and follows its link inside the app.
    await user.click(screen.getByRole('link', { name: 'Van 1 approved for Mon 4 Mar, 09:00' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/bookings'));
    // The booking it is about is marked in the list.
    const row = await screen.findByRole('row', { current: true });
    expect(within(row).getByRole('rowheader').textContent).toBe('Field visit to Barangay Tamontaka');
    expect(api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /notifications/${approved.id}/read`,
    ]);
    await waitFor(() => expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeTruthy());
    expect(api.unanswered).toEqual([]);
  });

  it('shows only unread messages when asked, marks them all read and then says it is all caught up', async () => {
    const api = stubInbox();
    const { user } = renderApp('/notifications');
    await user.click(await screen.findByRole('button', { name: 'Unread (2)' }, { timeout: 5000 }));
    const list = await screen.findByRole('list', { name: 'Unread messages' });
    expect(
      within(list)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Unread: Van 1 approved for Mon 4 Mar, 09:00', 'Unread: Van 2 rejected']);
    expect(api.to('GET', '/notifications').at(-1)?.query.get('unread')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Mark as read: Van 2 rejected' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('Marked 1 message as read.')).toBeTruthy();
    expect(await screen.findByText('You are all caught up: no unread messages.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Unread messages' }));
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('link', { name: 'Notifications' })).toBeTruthy();
    expect(api.to('POST', '/notifications/read-all')).toHaveLength(1);
  });

  it('says so when there are no messages at all', async () => {
    stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /notifications': () => reply<NotificationPage>({ items: [], nextCursor: null }),
    });
    renderApp('/notifications');
    expect(await screen.findByText(/^No messages yet\./, {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Preferences' }).getAttribute('href')).toBe(
      '/settings/notifications',
    );
  });
});

describe('the unread count in the navigation', () => {
  it('follows the live stream, announces a new message and refreshes the open inbox', async () => {
    const streams = stubEventSource();
    const api = stubInbox();
    const { user } = renderApp('/account');
    await screen.findByRole('link', { name: 'Notifications, 2 unread' }, { timeout: 5000 });
    expect(streams).toHaveLength(1);
    expect(streams[0]!.url).toBe('/api/v1/notifications/stream');
    act(() => streams[0]!.open());

    act(() => streams[0]!.send('unread', { unread: 3 }));
    expect(await screen.findByRole('link', { name: 'Notifications, 3 unread' })).toBeTruthy();
    const arrived = aNotification({ id: '00000000-0000-4000-8000-0000000000e9', title: 'Van 1 requested' });
    act(() => streams[0]!.send('notification', arrived));
    const toast = (await screen.findByText('New notification:')).closest('[role="status"]') as HTMLElement;
    expect(toast.textContent).toContain('Van 1 requested');

    await user.click(within(toast).getByRole('link', { name: 'Open inbox' }));
    await screen.findByRole('list', { name: 'All messages' });
    expect(toast.textContent).toBe('');
    const reads = api.to('GET', '/notifications').length;
    act(() => streams[0]!.send('notification', arrived));
    await waitFor(() => expect(api.to('GET', '/notifications').length).toBeGreaterThan(reads));
    // On the inbox the new message is in the list: no notice.
    expect(screen.queryByText('New notification:')).toBeNull();
  });

  it('reads the count every minute when the stream is refused', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const streams = stubEventSource();
    const api = stubInbox();
    renderApp('/notifications');
    await screen.findByRole('link', { name: 'Notifications, 2 unread' }, { timeout: 5000 });
    act(() => streams[0]!.fail(false));
    const before = api.to('GET', '/notifications/unread-count').length;
    await act(() => vi.advanceTimersByTimeAsync(61_000));
    expect(api.to('GET', '/notifications/unread-count').length).toBeGreaterThan(before);
    // And the stream is tried again.
    expect(streams.length).toBe(2);
  });
});
