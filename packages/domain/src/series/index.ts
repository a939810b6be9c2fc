/**
 * Kalendaryo's series rules: how "this", "this and future" and "all" changes rewrite a recurring
 * series and its exceptions (RECURRENCE-ID overrides, RFC 5545 §3.8.4.4), and how the exceptions
 * merge into the occurrences of a window. Pure: no I/O, no clock, inputs never mutated.
 */
export {
  type ExpandScheduleOptions,
  expandSchedule,
  expandScheduleWithin,
  isBounded,
  isOccurrenceStart,
  isRecurring,
  lastEndMs,
  type ScheduleExpansion,
} from './expand';
export { type CarriedOverrides, carryOverrides } from './scope-all';
export { splitSeries } from './scope-future';
export {
  cancelledException,
  cancelOccurrence,
  type ExceptionStored,
  editOccurrence,
  type OccurrenceChange,
} from './scope-this';
export * from './types';
export {
  addLocalDays,
  epochMsToLocal,
  localToEpochMs,
  shiftLocalTime,
  wallSecondsBetween,
} from './wall';
export { occurrencesInWindow, type WindowOptions } from './window';
