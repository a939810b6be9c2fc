import type {
  Calendar,
  Community,
  Feed,
  FreeBusy,
  Page,
  ParticipantWithConflicts,
  Person,
} from '@kalendaryo/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { type Answer, reply, type SentRequest, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser } from '../../test/fixtures';
import { renderApp, renderSignedIn } from '../../test/render-app';
import { InvitePanel } from '../attendance/invite-panel';

const me = aUser();
const myCalendar = aCalendar(me);
const item = anItem({ calendarId: myCalendar.id });

const colleague: Person = {
  id: '5b0f1c2e-8d4a-4b6e-9f10-2a3b4c5d6e7f',
  name: 'Amina Lidasan',
  email: 'amina.lidasan@oobc.example',
  role: 'staff',
};

/** Free/busy that has `who` on approved leave all of Tuesday 5 March 2030 (Manila), nothing else. */
const leaveOnTuesday =
  (who: string) =>
  (r: SentRequest): Answer => {
    const asked = { start: Date.parse(r.query.get('start')!), end: Date.parse(r.query.get('end')!) };
    const leave = { start: Date.parse('2030-03-04T16:00:00Z'), end: Date.parse('2030-03-05T16:00:00Z') };
    const overlaps = asked.start < leave.end && asked.end > leave.start;
    return reply<FreeBusy>({
      busy: [
        // Holidays and off hours are not about the person: the warning leaves them out.
        {
          userId: who,
          start: '2030-03-04T09:00:00.000Z',
          end: '2030-03-05T00:00:00.000Z',
          kind: 'off_hours',
          tentative: false,
        },
        ...(overlaps && r.query.get('users')!.split(',').includes(who)
          ? [
              {
                userId: who,
                start: '2030-03-04T16:00:00.000Z',
                end: '2030-03-05T16:00:00.000Z',
                kind: 'leave' as const,
                tentative: false,
              },
            ]
          : []),
      ],
    });
  };

describe('the item form’s people warning', () => {
  it('warns while the time is chosen that the organiser is on leave, and clears when the time moves', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /calendars': () => reply<Page<Calendar>>({ items: [myCalendar], nextCursor: null }),
      'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
      'GET /calendar': () => reply<Feed>({ occurrences: [], truncated: false, truncatedSeries: [] }),
      'GET /freebusy': leaveOnTuesday(me.id),
    });
    const search = new URLSearchParams({
      start: '2030-03-05T09:00',
      end: '2030-03-05T10:00',
      calendarId: myCalendar.id,
    });
    renderApp(`/calendar/items/new?${search}`);
    const form = await screen.findByRole('form', { name: 'New item' });
    const warning = await within(form).findByRole('status', { name: 'Not everyone is free at this time' });
    expect(within(warning).getByText(`${me.name} — on leave`)).toBeTruthy();
    const asked = api.sent.filter((r) => r.path === '/freebusy').at(-1)!;
    expect(asked.query.get('users')).toBe(me.id);
    expect(asked.query.get('start')).toBe('2030-03-05T01:00:00.000Z');
    expect(asked.query.get('end')).toBe('2030-03-05T02:00:00.000Z');

    // Moving the meeting to Wednesday: asked again once typing stops, and the warning goes.
    const start = within(form).getByLabelText('Starts');
    const end = within(form).getByLabelText('Ends');
    await userEvent.clear(end);
    await userEvent.type(end, '2030-03-06T10:00');
    await userEvent.clear(start);
    await userEvent.type(start, '2030-03-06T09:00');
    // The warning also goes while a field is half typed: wait for the question about Wednesday.
    await waitFor(
      () =>
        expect(
          api.sent
            .filter((r) => r.path === '/freebusy')
            .at(-1)!
            .query.get('start'),
        ).toBe('2030-03-06T01:00:00.000Z'),
      { timeout: 10_000 },
    );
    await waitFor(() =>
      expect(within(form).queryByRole('status', { name: 'Not everyone is free at this time' })).toBeNull(),
    );
    // Typing does not ask at every keystroke.
    expect(api.sent.filter((r) => r.path === '/freebusy').length).toBeLessThan(6);
  });
});

describe('the invite panel', () => {
  it('marks a colleague on leave before inviting, and shows the server’s conflicts after', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession(me)),
      'GET /people': () => reply<Page<Person>>({ items: [colleague], nextCursor: null }),
      'GET /freebusy': leaveOnTuesday(colleague.id),
      'POST /items/:id/participants': () =>
        reply<ParticipantWithConflicts>(
          {
            id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
            itemId: item.id,
            userId: colleague.id,
            name: colleague.name,
            email: colleague.email,
            organisation: null,
            phone: null,
            guest: false,
            walkIn: false,
            needs: {},
            rsvps: [],
            createdAt: '2030-03-01T00:00:00.000Z',
            conflicts: [
              {
                userId: colleague.id,
                name: colleague.name,
                start: '2030-03-04T16:00:00.000Z',
                end: '2030-03-05T16:00:00.000Z',
                kind: 'leave',
                tentative: false,
              },
            ],
          },
          201,
        ),
    });
    const done = vi.fn();
    renderSignedIn(
      <InvitePanel
        itemId={item.id}
        span={{ start: '2030-03-05T01:00:00.000Z', end: '2030-03-05T02:00:00.000Z' }}
        onDone={done}
        onError={() => {}}
      />,
    );
    await userEvent.type(await screen.findByLabelText('Find a colleague'), 'Amina');
    const row = (await screen.findByRole('button', { name: 'Invite Amina Lidasan' })).closest('li')!;
    await waitFor(() => expect(within(row).getByText('— on leave')).toBeTruthy());
    await userEvent.click(within(row).getByRole('button', { name: 'Invite Amina Lidasan' }));
    const notice = await screen.findByRole('status', { name: 'Invited, but not free at this time' });
    expect(within(notice).getByText('Amina Lidasan — on leave')).toBeTruthy();
    expect(done).toHaveBeenCalledWith('Invited Amina Lidasan.');
    expect(api.writes()).toEqual([
      expect.objectContaining({ method: 'POST', body: { userId: colleague.id } }),
    ]);
  });
});
