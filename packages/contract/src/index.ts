export * from './attendance';
export * from './auth';
export * from './bookings';
export * from './calendars';
export * from './common';
export * from './errors';
export * from './items';
export * from './users';
