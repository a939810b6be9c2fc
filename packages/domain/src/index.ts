export * from './errors';
export * from './office';
export * from './recurrence';
export * from './series';
export * from './time';
