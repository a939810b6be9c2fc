/**
 * The items module as other modules use it: access checks, occurrences of series, lookups and
 * wall-time helpers. Other modules import from here, never from the items repository.
 */
export { expandStarts, expandStartsWithin } from './expand';
export { expandFairly } from './feed-budget';
export { expectedVersion, isApprover, itemPermission, requireItem } from './items.access';
export { itemConflicts } from './items.busy';
export {
  type ExportedException,
  type ExportedItem,
  type ExportSet,
  exportItems,
  linkExportItems,
  linkFeed,
  MAX_EXPORT_ITEMS,
} from './items.export';
export type { FeedQuery } from './items.feed';
export { occurrencesOf } from './items.feed';
export { combineFollowers, type ItemFollowers, type ItemMove } from './items.followers';
export { type IcalAttendee, type IcalData, type IcalPerson, icalData, partstatOf } from './items.ical';
export {
  deleteImportedItems,
  findItemsByUid,
  type ImportedWrite,
  importedTimes,
  insertImportedItems,
  itemUidsOnCalendar,
  updateImportedItem,
} from './items.imported';
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
export type { ExceptionRow, ItemRow, ItemValues } from './items.repository';
export { exceptionOf, isSeries, resolveOccurrence, specOf } from './items.scopes';
export { createItem, loadExceptions, loadItemRow } from './items.service';
export { purgeDeletedItems, startDeletedItemsPurgeTimer } from './items.trash';
export { decideLeave } from './items.workflows';
export { localToMs, shiftLocal, wallDeltaSeconds } from './times';
export { officeWall, spanLabel, wallLabel } from './when';
