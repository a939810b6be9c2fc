import { addLocalDays, epochMsToLocal, localToEpochMs, OFFICE_TIME_ZONE } from '@kalendaryo/domain';

/**
 * Times as messages say them ("Tue 8 Dec, 09:00"), in the office's zone: a message is read on a
 * phone or in a mail client, away from the calendar's own zone setting. Pure: wall times in,
 * text out.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A local wall time (`YYYY-MM-DDTHH:MM:SS` or a date) as "Tue 8 Dec", with ", 09:00" unless `dateOnly`. */
export function wallLabel(local: string, dateOnly = false): string {
  const d = new Date(`${local.slice(0, 10)}T00:00:00Z`);
  const day = `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return dateOnly ? day : `${day}, ${local.slice(11, 16) || '00:00'}`;
}

/**
 * A span of wall times: "Tue 8 Dec, 09:00–10:00", "Tue 8 Dec, 22:00 – Wed 9 Dec, 01:00", or for
 * all-day spans (exclusive end date) "Tue 8 Dec" and "Tue 8 Dec – Thu 10 Dec".
 */
export function spanLabel(start: string, end: string, allDay: boolean): string {
  if (allDay) {
    const last = addLocalDays(`${end.slice(0, 10)}T00:00:00`, -1).slice(0, 10);
    const first = start.slice(0, 10);
    return last <= first ? wallLabel(first, true) : `${wallLabel(first, true)} – ${wallLabel(last, true)}`;
  }
  if (start.slice(0, 10) === end.slice(0, 10)) return `${wallLabel(start)}–${end.slice(11, 16)}`;
  return `${wallLabel(start)} – ${wallLabel(end)}`;
}

/** An instant as the office's local wall time. */
export const officeWall = (ms: number): string => epochMsToLocal(ms, OFFICE_TIME_ZONE);

/**
 * A stored wall time of an item in the office's zone: items with a zone are converted, floating
 * ones (no zone) and all-day dates stay as written.
 */
export function displayWall(local: string, zone: string | null, allDay: boolean): string {
  if (allDay || zone === null || zone === OFFICE_TIME_ZONE) return local;
  return officeWall(localToEpochMs(local, zone));
}

/** The ISO instant of an item's wall time (floating times are read in the office's zone). */
export const instantOf = (local: string, zone: string | null): string =>
  new Date(localToEpochMs(local, zone ?? OFFICE_TIME_ZONE)).toISOString();

/** The office's calendar date of a wall time, for `?date=` in links. */
export const dateOf = (local: string) => local.slice(0, 10);
