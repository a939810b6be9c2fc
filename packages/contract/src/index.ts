export * from './auth';
export * from './common';
export * from './errors';
export * from './users';
export * from './items';
export * from './calendars';
