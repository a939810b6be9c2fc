/**
 * The sharing module as other modules use it: feed tokens and share links resolved to what they
 * open (the ical module writes those calendars).
 */

export { PUBLIC_RATE_LIMIT } from './sharing.limits';
export type { FeedRow, LinkRow } from './sharing.repository';
export { type Clock, feedAnswered, resolveFeed, type UsedLink, useLink } from './sharing.service';
