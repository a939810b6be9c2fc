import type { ImportResult, Subscription } from '@kalendaryo/contract';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aCalendar, aSession, aUser } from '../../test/fixtures';
import { renderSignedIn } from '../../test/render-app';
import { ImportDialog } from './import-dialog';
import { SubscriptionsDialog } from './subscriptions-dialog';

afterEach(() => vi.unstubAllGlobals());

const owner = aUser();
const calendar = aCalendar(owner, { name: 'Outreach', permission: 'edit' });
const ics =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260510T090000Z\r\nSUMMARY:A\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
const preview: ImportResult = {
  created: 12,
  updated: 3,
  unchanged: 1,
  skipped: [{ uid: 'hebrew@x', reason: 'RSCALE: non-Gregorian calendars (RFC 7529) are not supported' }],
  dryRun: true,
};

describe('the import dialog', () => {
  it('previews what the file will create, update and skip, then imports it on confirmation', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      [`POST /calendars/${calendar.id}/import`]: (req) =>
        reply(req.query.get('dryRun') === 'true' ? preview : { ...preview, dryRun: false }),
    });
    const { user } = renderSignedIn(<ImportDialog calendar={calendar} onClose={() => {}} />);
    expect(await screen.findByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
    await user.upload(
      screen.getByLabelText(/Calendar file/),
      new File([ics], 'partner.ics', { type: 'text/calendar' }),
    );
    expect(await screen.findByText(/This file will add/)).toBeTruthy();
    expect(screen.getByText('12 new items')).toBeTruthy();
    expect(screen.getByText(/RSCALE/)).toBeTruthy();
    const posted = api.to('POST', `/calendars/${calendar.id}/import`);
    expect(posted.map((r) => [r.query.get('dryRun'), r.body])).toEqual([['true', ics]]);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/^Added/)).toBeTruthy();
    expect(api.to('POST', `/calendars/${calendar.id}/import`).map((r) => r.query.get('dryRun'))).toEqual([
      'true',
      null,
    ]);
    expect(screen.getByRole('button', { name: 'Done' })).toBeTruthy();
    expect(api.unanswered).toEqual([]);
  });

  it('says which line of a broken file is wrong, and offers no import', async () => {
    stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      [`POST /calendars/${calendar.id}/import`]: () =>
        problem('ical.invalid', 'Line 18 (DTSTART): “2026-05-1x”: not a date-time'),
    });
    const { user } = renderSignedIn(<ImportDialog calendar={calendar} onClose={() => {}} />);
    await user.upload(
      await screen.findByLabelText(/Calendar file/),
      new File(['BEGIN:VCALENDAR'], 'bad.ics'),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/Line 18/);
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);
  });
});

describe('subscribing to a calendar by URL', () => {
  const sub: Subscription = {
    id: '00000000-0000-4000-8000-0000000000e1',
    calendarId: '00000000-0000-4000-8000-0000000000e2',
    url: 'https://partner.example/holidays.ics',
    name: 'Partner holidays',
    color: '#7c3aed',
    refreshMinutes: 360,
    lastRefreshAt: '2030-01-01T00:00:00.000Z',
    lastSuccessAt: null,
    lastError: 'the address answered HTTP 404',
    nextRefreshAt: '2030-01-01T06:00:00.000Z',
    createdAt: '2030-01-01T00:00:00.000Z',
  };

  it('subscribes, lists subscriptions with their last refresh and error, and refreshes one', async () => {
    let subs: Subscription[] = [];
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      'GET /calendars/subscriptions': () => reply({ items: subs, nextCursor: null }),
      'POST /calendars/subscriptions': () => {
        subs = [sub];
        return reply(sub, 201);
      },
      [`POST /calendars/subscriptions/${sub.id}/refresh`]: () => reply({ ...sub, lastError: null }),
      'GET /calendars': () => reply({ items: [], nextCursor: null }),
    });
    const { user } = renderSignedIn(<SubscriptionsDialog onClose={() => {}} />);
    expect(await screen.findByText('None yet.')).toBeTruthy();
    await user.type(screen.getByLabelText(/Address/), 'webcal://partner.example/holidays.ics');
    await user.type(screen.getByLabelText('Name'), 'Partner holidays');
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    await waitFor(() =>
      expect(api.to('POST', '/calendars/subscriptions').map((r) => r.body)).toEqual([
        { url: 'webcal://partner.example/holidays.ics', name: 'Partner holidays', color: '#7c3aed' },
      ]),
    );
    expect((await screen.findAllByText(/HTTP 404/)).length).toBeGreaterThan(0);
    await user.click(await screen.findByRole('button', { name: 'Refresh Partner holidays' }));
    await waitFor(() => expect(api.to('POST', `/calendars/subscriptions/${sub.id}/refresh`)).toHaveLength(1));
  });

  it('shows why an address is refused', async () => {
    stubApi({
      'GET /auth/me': () => reply(aSession(owner)),
      'GET /calendars/subscriptions': () => reply({ items: [], nextCursor: null }),
      'POST /calendars/subscriptions': () =>
        problem('subscription.url_refused', 'The address points at this machine or a private network.'),
    });
    const { user } = renderSignedIn(<SubscriptionsDialog onClose={() => {}} />);
    await user.type(await screen.findByLabelText(/Address/), 'https://10.0.0.1/x.ics');
    await user.type(screen.getByLabelText('Name'), 'X');
    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/private network/);
  });
});
