/**
 * The calendars module as other modules use it: the actor's permission on a calendar, the
 * calendars they see, and creating and sharing calendars.
 */
export {
  type CalendarRow,
  findCalendarById,
  findCalendarFor,
  grantAtLeast,
  personalCalendarId,
  visibleCalendars,
} from './calendars.repository';
export { createCalendar, createCalendarIn, permits, requireCalendar, setMember } from './calendars.service';
