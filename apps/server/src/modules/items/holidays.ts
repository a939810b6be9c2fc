import type { Occurrence } from '@kalendaryo/contract';
import Holidays from 'date-holidays';
import { kindColors } from './items.present';
import { addDays, localToMs } from './times';

const ISLAMIC = /eid|ramadan|islamic new year|mawlid|muhammad|sacrifice/i;
const ph = new Holidays('PH');
const byYear = new Map<number, { date: string; name: string; type: string }[]>();

/** Philippine national holidays, special days and the Islamic holidays of a year (cached). */
export function philippineHolidays(year: number) {
  let list = byYear.get(year);
  if (!list) {
    list = ph
      .getHolidays(year)
      .filter((h) => h.type === 'public' || h.type === 'optional' || ISLAMIC.test(h.name))
      .map((h) => ({
        date: h.date.slice(0, 10),
        name: h.name,
        type: ISLAMIC.test(h.name) ? 'islamic' : h.type === 'public' ? 'regular' : 'special',
      }));
    byYear.set(year, list);
  }
  return list;
}

/**
 * A year's holidays take about 50 ms to compute (the Islamic ones convert calendars) on the event
 * loop: a window spanning centuries stalled every other request for seconds. Holidays are shown
 * for at most MAX_YEARS calendar years from the window's start (a year view with its padding
 * needs three), and only between FIRST_YEAR and LAST_YEAR, which also bounds the cache.
 */
const MAX_YEARS = 5;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

/** Holidays overlapping [fromMs, toMs) in `zone`, as read-only all-day occurrences. */
export function holidaysBetween(fromMs: number, toMs: number, zone: string): Occurrence[] {
  const first = Math.max(new Date(fromMs).getUTCFullYear() - 1, FIRST_YEAR);
  const last = Math.min(new Date(toMs).getUTCFullYear() + 1, first + MAX_YEARS - 1, LAST_YEAR);
  const out: Occurrence[] = [];
  for (let y = first; y <= last; y++) {
    for (const h of philippineHolidays(y)) {
      const start = localToMs(`${h.date}T00:00:00`, zone);
      const end = localToMs(addDays(h.date, 1), zone);
      if (start >= toMs || end <= fromMs) continue;
      out.push({
        itemId: null,
        kind: 'holiday',
        title: h.name,
        start: h.date,
        end: addDays(h.date, 1).slice(0, 10),
        allDay: true,
        recurrenceId: null,
        isException: false,
        status: 'confirmed',
        color: kindColors.holiday,
        calendarId: null,
        communityId: null,
        location: null,
        recurring: false,
        editable: false,
        details: { holidayType: h.type },
      });
    }
  }
  return out;
}
