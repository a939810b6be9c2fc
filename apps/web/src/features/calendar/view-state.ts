/**
 * What the calendar page shows, read from and written to its URL
 * (`/calendar?view=week&date=2026-03-09&kinds=event,task&q=…`), and the date range each view covers.
 */
import type { FeedQuery, ItemKind, ItemStatus } from '@kalendaryo/contract';
import {
  addDays,
  addMonths,
  daysBetween,
  formatWall,
  isoInstant,
  isRealDate,
  startOfMonth,
  startOfWeek,
} from '../../app/time';
import { isItemKind, isItemStatus } from './labels';

export const calendarViews = ['month', 'week', 'day', 'agenda'] as const;
export type CalendarView = (typeof calendarViews)[number];
export const viewLabels: Record<CalendarView, string> = {
  month: 'Month',
  week: 'Week',
  day: 'Day',
  agenda: 'Agenda',
};

/** The @event-calendar/core view that draws each of ours. */
export const ecViewName: Record<CalendarView, string> = {
  month: 'dayGridMonth',
  week: 'timeGridWeek',
  day: 'timeGridDay',
  agenda: 'listMonth',
};

export const FIRST_DAY = 1; // Monday, as the office works

export interface CalendarFilters {
  kinds: ItemKind[];
  calendars: string[];
  statuses: ItemStatus[];
  community: string;
  q: string;
  holidays: boolean;
}

export interface CalendarState extends CalendarFilters {
  view: CalendarView;
  /** The date the view is about, in the person's zone. */
  date: string;
}

const isView = (v: string | null): v is CalendarView =>
  (calendarViews as readonly string[]).includes(v ?? '');
const list = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The calendar state in `params`; what is missing or unreadable takes the default: today, and
 * the month view (the agenda on a phone, `narrow`).
 */
export function stateFromParams(params: URLSearchParams, today: string, narrow: boolean): CalendarState {
  const view = params.get('view');
  const date = params.get('date');
  return {
    view: isView(view) ? view : narrow ? 'agenda' : 'month',
    date: isRealDate(date) ? date : today,
    kinds: list(params.get('kinds')).filter(isItemKind),
    calendars: list(params.get('calendars')).filter((c) => UUID.test(c)),
    statuses: list(params.get('status')).filter(isItemStatus),
    community: UUID.test(params.get('community') ?? '') ? (params.get('community') as string) : '',
    q: (params.get('q') ?? '').slice(0, 200),
    holidays: params.get('holidays') !== 'false',
  };
}

/** The URL parameters of a state; defaults are left out so plain /calendar stays plain. */
export function paramsFromState(state: CalendarState, today: string): URLSearchParams {
  const p = new URLSearchParams();
  p.set('view', state.view);
  if (state.date !== today) p.set('date', state.date);
  if (state.kinds.length) p.set('kinds', state.kinds.join(','));
  if (state.calendars.length) p.set('calendars', state.calendars.join(','));
  if (state.statuses.length) p.set('status', state.statuses.join(','));
  if (state.community) p.set('community', state.community);
  if (state.q.trim()) p.set('q', state.q.trim());
  if (!state.holidays) p.set('holidays', 'false');
  return p;
}

/** The days a view shows: `start` inclusive, `end` exclusive (whole weeks around a month). */
export function visibleRange(view: CalendarView, date: string): { start: string; end: string } {
  switch (view) {
    case 'month': {
      const first = startOfMonth(date);
      const start = startOfWeek(first, FIRST_DAY);
      const afterLast = addMonths(first, 1);
      const end = addDays(startOfWeek(addDays(afterLast, -1), FIRST_DAY), 7);
      return { start, end };
    }
    case 'week': {
      const start = startOfWeek(date, FIRST_DAY);
      return { start, end: addDays(start, 7) };
    }
    case 'day':
      return { start: date, end: addDays(date, 1) };
    case 'agenda': {
      const start = startOfMonth(date);
      return { start, end: addMonths(start, 1) };
    }
  }
}

/** The date one step (`dir` = 1 or -1) before or after `date` in a view. */
export function stepDate(view: CalendarView, date: string, dir: 1 | -1): string {
  switch (view) {
    case 'month':
    case 'agenda':
      return addMonths(startOfMonth(date), dir);
    case 'week':
      return addDays(date, 7 * dir);
    case 'day':
      return addDays(date, dir);
  }
}

/** The words for the previous and next buttons of a view. */
export const stepUnit: Record<CalendarView, string> = {
  month: 'month',
  week: 'week',
  day: 'day',
  agenda: 'month',
};

/** "November 2026", "23–29 November 2026", "Thursday, 26 November 2026". */
export function viewTitle(view: CalendarView, date: string, locale = 'en-PH'): string {
  if (view === 'month' || view === 'agenda')
    return formatWall(date, { month: 'long', year: 'numeric' }, locale);
  if (view === 'day') {
    return formatWall(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, locale);
  }
  const { start } = visibleRange('week', date);
  const last = addDays(start, 6);
  const fmt = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return fmt.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${last}T00:00:00Z`));
}

/** The query of `GET /api/v1/calendar` for a range of days in `zone` and the filters. */
export function feedQuery(
  range: { start: string; end: string },
  filters: CalendarFilters,
  zone: string,
): FeedQuery {
  return {
    start: isoInstant(`${range.start}T00:00:00`, zone),
    end: isoInstant(`${range.end}T00:00:00`, zone),
    kinds: filters.kinds.length ? filters.kinds.join(',') : undefined,
    calendars: filters.calendars.length ? filters.calendars.join(',') : undefined,
    status: filters.statuses.length ? filters.statuses.join(',') : undefined,
    community: filters.community || undefined,
    q: filters.q.trim() || undefined,
    holidays: filters.holidays ? 'true' : 'false',
    tz: zone,
  };
}

/** How many days a range spans. */
export const rangeDays = (range: { start: string; end: string }): number =>
  daysBetween(range.start, range.end);
