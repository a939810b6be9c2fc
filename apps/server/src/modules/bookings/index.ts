/**
 * The bookings module as the rest of the server uses it: requesting and deciding bookings (the
 * demo seed), and the horizon job that books recurring items further as time moves.
 */
export { bookingFollowers } from './bookings.follow';
export { runBookingHorizon, startBookingHorizonTimer } from './bookings.jobs';
export { createBooking } from './bookings.service';
export { transition } from './bookings.workflow';
