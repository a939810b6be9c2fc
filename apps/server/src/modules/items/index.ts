/**
 * The items module as other modules use it: access checks, occurrences of series, lookups and
 * wall-time helpers. Other modules import from here, never from the items repository.
 */
export { expandStarts, expandStartsWithin } from './expand';
export { expandFairly } from './feed-budget';
export { expectedVersion, isApprover, itemPermission, requireItem } from './items.access';
export { itemConflicts } from './items.busy';
export { occurrencesOf } from './items.feed';
export type { ItemFollowers, ItemMove } from './items.followers';
export { type IcalAttendee, type IcalData, type IcalPerson, icalData, partstatOf } from './items.ical';
export {
  type ItemState,
  itemInvitedMessage,
  itemPath,
  type MessageText,
  quoted,
  stateOf,
  whenOf,
} from './items.messages';
export { audienceOf as itemAudience } from './items.notify';
export { masked } from './items.present';
export type { ExceptionRow, ItemRow } from './items.repository';
export { isSeries, resolveOccurrence, specOf } from './items.scopes';
export { createItem, loadExceptions, loadItemRow } from './items.service';
export { decideLeave } from './items.workflows';
export { localToMs, shiftLocal, wallDeltaSeconds } from './times';
export { officeWall, spanLabel, wallLabel } from './when';
