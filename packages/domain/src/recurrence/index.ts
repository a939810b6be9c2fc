export { expandRecurrence } from './expand';
export { type FormRule, validateFormRule } from './form';
export { formatRRule } from './format';
export type { GeneratorRange, WallClockGenerator } from './generator';
export { parseRRule } from './parse';
export * from './types';
