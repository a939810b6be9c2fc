import type { CalendarFeed, CreatedShareLink, ShareLink } from '@kalendaryo/contract';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aCalendar, aSession, aUser } from '../../test/fixtures';
import { renderApp, renderSignedIn } from '../../test/render-app';
import { ShareDialog } from './share-dialog';

afterEach(() => vi.unstubAllGlobals());

const owner = aUser();
const calendar = aCalendar(owner, { name: 'Outreach', permission: 'manage' });
const colleague = {
  userId: '00000000-0000-4000-8000-0000000000c1',
  name: 'Bai Salma',
  email: 'salma@oobc.example',
};
const token = 'A'.repeat(43);
const liveLink: ShareLink = {
  id: '00000000-0000-4000-8000-0000000000d1',
  calendarId: calendar.id,
  access: 'view',
  showDetails: true,
  expiresAt: null,
  maxViews: 10,
  views: 3,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastUsedAt: null,
  live: true,
};
const feed: CalendarFeed = {
  calendarId: calendar.id,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastUsedAt: null,
  url: `http://kalendaryo.test/ics/${token}.ics`,
  webcalUrl: `webcal://kalendaryo.test/ics/${token}.ics`,
  token,
};

describe('the share dialog', () => {
  it('lists colleagues and links, makes a link shown once, and revokes one', async () => {
    let links = [liveLink];
    const created: CreatedShareLink = {
      ...liveLink,
      id: '00000000-0000-4000-8000-0000000000d2',
      maxViews: null,
      views: 0,
      url: `http://kalendaryo.test/share/${token}`,
      token,
    };
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      [`GET /calendars/${calendar.id}/members`]: () =>
        reply({ items: [{ ...colleague, permission: 'edit' }] }),
      [`GET /calendars/${calendar.id}/links`]: () => reply({ items: links }),
      [`GET /calendars/${calendar.id}/feed`]: () => problem('calendar_feed.not_found'),
      [`POST /calendars/${calendar.id}/links`]: () => {
        links = [created, ...links];
        return reply(created, 201);
      },
      [`DELETE /calendars/${calendar.id}/links/:id`]: () => {
        links = links.filter((l) => l.id !== liveLink.id);
        return { status: 204 };
      },
    });
    const { user } = renderSignedIn(<ShareDialog calendar={calendar} onClose={() => {}} />);
    expect(await screen.findByText('Bai Salma')).toBeTruthy();
    expect((screen.getByLabelText('Permission of Bai Salma') as HTMLSelectElement).value).toBe('edit');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('3 of 10')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Access'), 'view');
    await user.click(screen.getByLabelText(/Show details/));
    await user.type(screen.getByLabelText('Most views'), '5');
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect(((await screen.findByLabelText('New link (shown only now)')) as HTMLInputElement).value).toBe(
      created.url,
    );
    expect(api.to('POST', `/calendars/${calendar.id}/links`).map((r) => r.body)).toEqual([
      { access: 'view', showDetails: false, expiresAt: null, maxViews: 5 },
    ]);

    await vi.waitFor(() => expect(screen.getAllByRole('button', { name: 'Revoke' })).toHaveLength(2));
    const row = screen.getByText('3 of 10').closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    await vi.waitFor(() =>
      expect(api.to('DELETE', `/calendars/${calendar.id}/links/${liveLink.id}`)).toHaveLength(1),
    );
    await vi.waitFor(() => expect(screen.queryByText('3 of 10')).toBeNull());
    expect(api.unanswered).toEqual([]);
  });

  it('makes a subscription link with a copy field and a QR code', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      [`GET /calendars/${calendar.id}/members`]: () => reply({ items: [] }),
      [`GET /calendars/${calendar.id}/feed`]: () => problem('calendar_feed.not_found'),
      [`POST /calendars/${calendar.id}/feed`]: () => reply(feed, 201),
    });
    const viewer = { ...calendar, permission: 'view' as const };
    const { user } = renderSignedIn(<ShareDialog calendar={viewer} onClose={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Make a subscription link' }));
    expect(((await screen.findByLabelText('Subscription link')) as HTMLInputElement).value).toBe(
      feed.webcalUrl,
    );
    expect(await screen.findByAltText('QR code of the subscription link')).toBeTruthy();
    // Links are for managers: a viewer of the calendar is not offered them.
    expect(screen.queryByRole('button', { name: 'Create link' })).toBeNull();
    expect(api.unanswered).toEqual([]);
  });
});

describe('the public calendar page', () => {
  it('opens a view link without signing in and shows its calendar', async () => {
    stubApi({
      [`GET /public/links/${token}`]: () =>
        reply({
          calendar: { name: 'Outreach', color: '#be123c' },
          access: 'view' as const,
          showDetails: true,
        }),
      [`GET /public/links/${token}/calendar`]: () =>
        reply({ occurrences: [], truncated: false, truncatedSeries: [] }),
    });
    renderApp(`/share/${token}`);
    expect(await screen.findByRole('heading', { name: 'Outreach' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Week' })).toBeTruthy();
  });

  const editLinkApi = (signedIn: boolean) =>
    stubApi({
      'GET /auth/me': () => (signedIn ? reply(aSession(owner)) : problem('auth.required')),
      [`GET /public/links/${token}`]: () =>
        reply({
          calendar: { name: 'Outreach', color: '#be123c' },
          access: 'edit' as const,
          showDetails: true,
        }),
      [`POST /links/${token}/accept`]: () =>
        signedIn ? reply({ calendarId: calendar.id, permission: 'edit' as const }) : problem('auth.required'),
    });

  it('sends a visitor with an edit link to sign in first, and back to the link after', async () => {
    editLinkApi(false);
    const { user, router } = renderApp(`/share/${token}`);
    await user.click(
      await screen.findByRole('button', { name: 'Add it to my calendars' }, { timeout: 5000 }),
    );
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/signin'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent(`/share/${token}`)}`);
  });

  it('adds the calendar of an edit link for a signed-in colleague', async () => {
    const api = editLinkApi(true);
    const { user, router } = renderApp(`/share/${token}`);
    await user.click(
      await screen.findByRole('button', { name: 'Add it to my calendars' }, { timeout: 5000 }),
    );
    await vi.waitFor(() => expect(api.to('POST', `/links/${token}/accept`)).toHaveLength(1));
    // On to the calendar (whose page may still be loading).
    await vi.waitFor(() =>
      expect(router.state.navigation.location?.pathname ?? router.state.location.pathname).toBe('/calendar'),
    );
  });

  it('says a dead link does not work, as for any unknown one', async () => {
    stubApi({ [`GET /public/links/${token}`]: () => problem('share_link.not_found') });
    renderApp(`/share/${token}`);
    expect(
      await screen.findByRole('heading', { name: 'This link does not work' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/expired, was revoked or was used up/);
  });
});
