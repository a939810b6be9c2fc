import type {
  Booking,
  BookingConflictDetails,
  feedResponse,
  Page,
  Resource,
  ResourceAvailability,
} from '@kalendaryo/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aBooking, aResource, aSession, aUser } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const staff = aUser({ name: 'Norhana Ali', role: 'staff' });
const van1 = aResource({ id: '00000000-0000-4000-8000-0000000000a1', name: 'Van 1' });
const van2 = aResource({ id: '00000000-0000-4000-8000-0000000000a2', name: 'Van 2' });
const room = aResource({ id: '00000000-0000-4000-8000-0000000000a3', name: 'Conference room', type: 'room' });
// Someone else's approved booking of Van 1, 10:00–12:00 in Manila on Monday 4 March 2030.
const held = {
  bookingId: '00000000-0000-4000-8000-0000000000c1',
  start: '2030-03-04T02:00:00Z',
  end: '2030-03-04T04:00:00Z',
};

const availabilityOf = (r: Resource, busy: ResourceAvailability['busy']): ResourceAvailability => ({
  resource: {
    id: r.id,
    name: r.name,
    type: r.type,
    status: r.status,
    capacity: r.capacity,
    location: r.location,
  },
  busy,
  free: [],
});

function stubBookingApi(answerPost: () => ReturnType<typeof reply>) {
  return stubApi({
    'GET /auth/me': () => reply(aSession(staff)),
    'GET /resources': () => reply<Page<Resource>>({ items: [van1, van2, room], nextCursor: null }),
    'GET /resources/availability': (req) =>
      reply<Page<ResourceAvailability>>({
        items: [
          req.query.get('resourceIds') === van1.id
            ? availabilityOf(van1, [{ ...held, status: 'approved' }])
            : availabilityOf(van2, []),
        ],
        nextCursor: null,
      }),
    'GET /resources/free': () => reply<Page<Resource>>({ items: [van2], nextCursor: null }),
    'GET /calendar': () =>
      reply<z.infer<typeof feedResponse>>({ occurrences: [], truncated: false, truncatedSeries: [] }),
    'POST /bookings': answerPost,
    'GET /bookings': () => reply<Page<Booking>>({ items: [], nextCursor: null }),
  });
}

/** Chooses Van 1 for Monday 4 March 2030, 09:00–11:00, for a field visit. */
async function fillIn(user: ReturnType<typeof renderApp>['user']) {
  const form = await screen.findByRole('form', { name: 'New booking' }, { timeout: 5000 });
  const resource = within(form).getByLabelText('Resource');
  await waitFor(() =>
    expect(within(resource).getByRole('option', { name: 'Van 1 · Vehicles' })).toBeTruthy(),
  );
  await user.selectOptions(resource, 'Van 1 · Vehicles');
  fireEvent.change(within(form).getByLabelText('Starts'), { target: { value: '2030-03-04T09:00' } });
  fireEvent.change(within(form).getByLabelText('Ends'), { target: { value: '2030-03-04T11:00' } });
  await user.type(within(form).getByLabelText('Purpose'), 'Field visit to Barangay Tamontaka');
  return form;
}

describe('the booking form', () => {
  it('warns of a booking in the way, and shows the conflicts of a refused request', async () => {
    const api = stubBookingApi(() =>
      problem<BookingConflictDetails>('booking.conflict', 'The resource is already booked.', {
        conflicts: [
          {
            id: held.bookingId,
            start: held.start,
            end: held.end,
            status: 'approved',
            requester: { id: aUser().id, name: 'Amina Usman' },
          },
        ],
      }),
    );
    const { user } = renderApp('/bookings/new');
    const form = await fillIn(user);

    const availability = screen.getByRole('region', { name: 'Availability' });
    await within(availability).findByText(/Van 1 is already booked for part of this time \(1 booking\)/);
    expect(within(availability).getAllByRole('listitem')[0]?.textContent).toMatch(/10:00.*12:00.*Approved/);
    await within(availability).findByRole('button', { name: 'Choose Van 2' });

    await user.click(within(form).getByRole('button', { name: 'Request booking' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toMatch(
      /^Not booked: The resource is already booked for part of this time\./,
    );
    expect(within(refusal).getByRole('listitem').textContent).toMatch(
      /^Mon, Mar 4, 2030, 10:00\sAM\s–\s12:00\sPM · Approved · Amina Usman$/,
    );
    expect(api.to('POST', '/bookings').map((r) => r.body)).toEqual([
      {
        resourceId: van1.id,
        start: '2030-03-04T01:00:00.000Z',
        end: '2030-03-04T03:00:00.000Z',
        purpose: 'Field visit to Barangay Tamontaka',
      },
    ]);
    expect(api.unanswered).toEqual([]);
  });

  it('offers a free resource of the same kind and books it', async () => {
    const api = stubBookingApi(() =>
      reply<Booking>(
        aBooking({ resourceId: van2.id, start: '2030-03-04T01:00:00Z', end: '2030-03-04T03:00:00Z' }),
        201,
      ),
    );
    const { user } = renderApp('/bookings/new');
    const form = await fillIn(user);

    await user.click(await screen.findByRole('button', { name: 'Choose Van 2' }));
    expect((within(form).getByLabelText('Resource') as HTMLSelectElement).value).toBe(van2.id);
    await screen.findByText('✓ Van 2 is free at this time.');

    await user.click(within(form).getByRole('button', { name: 'Request booking' }));

    // Back on My bookings, told what was asked for and what happens next.
    await screen.findByText(
      /^Requested Van 2 for Mon, Mar 4, 2030, 9:00\s–\s11:00\sAM\. It waits for approval/,
    );
    expect(screen.getByRole('heading', { name: 'Bookings', level: 1 })).toBeTruthy();
    expect(api.to('POST', '/bookings').map((r) => (r.body as { resourceId: string }).resourceId)).toEqual([
      van2.id,
    ]);
    expect(api.unanswered).toEqual([]);
  });
});
