/**
 * The attendance pages import these names from here. They are the contract's types and the
 * calendar's labels (labels.ts), not copies; new code imports from those directly.
 */
export type { Item, ItemKind } from '@kalendaryo/contract';
export { kindLabels } from './labels';
