/**
 * The ical module as the rest of the server uses it: importing iCalendar files and keeping
 * subscribed calendars in step with their source.
 */
export { importCalendar } from './ical.import';
export { refreshDueSubscriptions, startSubscriptionRefreshTimer } from './ical.subscriptions';
