export * from './civil';
export * from './convert';
export * from './transitions';
export * from './wall-time';
export * from './zone';
