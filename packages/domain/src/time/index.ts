export * from './civil';
export * from './convert';
export * from './wall-time';
export * from './zone';
