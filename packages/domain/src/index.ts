export * from './errors';
export * from './recurrence';
export * from './time';
