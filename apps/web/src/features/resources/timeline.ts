/**
 * The resource timeline: which days it shows (kept in the URL), and bookings, free time and
 * resources turned into @event-calendar/core's events and resources, as wall times in the
 * person's zone.
 */
import type { Calendar as EC } from '@event-calendar/core';
import type { Booking, Resource, ResourceAvailability } from '@kalendaryo/contract';
import { type BookingStatus, isOneOf, type ResourceType, resourceTypes } from '@kalendaryo/contract/values';
import {
  addDays,
  addMonths,
  formatSpan,
  formatWall,
  isoInstant,
  isRealDate,
  startOfMonth,
  startOfWeek,
  wallOf,
} from '../../app/time';
import { bookingStatusLabels } from '../bookings/permissions';
import { resourceTypeLabels } from './labels';

export const timelineViews = ['day', 'week', 'month'] as const;
export type TimelineView = (typeof timelineViews)[number];

export const timelineViewLabels: Record<TimelineView, string> = { day: 'Day', week: 'Week', month: 'Month' };

export const ecTimelineView: Record<TimelineView, string> = {
  day: 'resourceTimelineDay',
  week: 'resourceTimelineWeek',
  month: 'resourceTimelineMonth',
};

export interface TimelineState {
  view: TimelineView;
  date: string;
  type: ResourceType | '';
}

export function timelineFromParams(params: URLSearchParams, today: string): TimelineState {
  const view = params.get('view');
  const date = params.get('date');
  const type = params.get('type');
  return {
    view: (timelineViews as readonly string[]).includes(view ?? '') ? (view as TimelineView) : 'week',
    date: isRealDate(date) ? date : today,
    type: isOneOf(resourceTypes, type) ? type : '',
  };
}

export function paramsFromTimeline(s: TimelineState, today: string): URLSearchParams {
  const p = new URLSearchParams();
  if (s.view !== 'week') p.set('view', s.view);
  if (s.date !== today) p.set('date', s.date);
  if (s.type) p.set('type', s.type);
  return p;
}

/** The days shown: [start, end) as dates. Weeks start on Monday. */
export function timelineRange(view: TimelineView, date: string): { start: string; end: string } {
  if (view === 'day') return { start: date, end: addDays(date, 1) };
  if (view === 'week') {
    const start = startOfWeek(date, 1);
    return { start, end: addDays(start, 7) };
  }
  const start = startOfMonth(date);
  return { start, end: addMonths(start, 1) };
}

export function stepTimeline(view: TimelineView, date: string, dir: 1 | -1): string {
  if (view === 'day') return addDays(date, dir);
  if (view === 'week') return addDays(date, 7 * dir);
  return addMonths(date, dir);
}

/** "Monday, 4 March 2030", "4 – 10 March 2030", "March 2030". */
export function timelineTitle(view: TimelineView, date: string): string {
  if (view === 'day')
    return formatWall(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (view === 'month') return formatWall(date, { month: 'long', year: 'numeric' });
  const { start, end } = timelineRange(view, date);
  const fmt = new Intl.DateTimeFormat('en-PH', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return fmt.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${addDays(end, -1)}T00:00:00Z`));
}

/** The window as ISO instants for the API. */
export function timelineWindow(view: TimelineView, date: string, zone: string) {
  const { start, end } = timelineRange(view, date);
  return { start: isoInstant(`${start}T00:00:00`, zone), end: isoInstant(`${end}T00:00:00`, zone) };
}

/** Status colours: the legend uses the same values. Each reads with white text (WCAG AA). */
export const statusColours: Record<BookingStatus, string> = {
  pending: '#a14d05',
  approved: '#0f766e',
  completed: '#475569',
  rejected: '#9f1239',
  cancelled: '#6b7280',
};

/** Shown on the timeline: what holds the resource, and what has been used. */
export const shownStatuses: readonly BookingStatus[] = ['pending', 'approved', 'completed'];

export function resourceLabel(r: Pick<Resource, 'name' | 'type' | 'status' | 'location'>): string {
  const parts = [r.name, resourceTypeLabels[r.type]];
  if (r.status === 'maintenance') parts.push('under maintenance');
  return parts.join(', ');
}

export function timelineResources(resources: readonly Resource[]): EC.ResourceInput[] {
  return resources.map((r) => ({
    id: r.id,
    title: r.status === 'maintenance' ? `${r.name} (maintenance)` : r.name,
    extendedProps: { resource: r },
  }));
}

/** "Field visit to Barangay X, Mon, 4 Mar 2030, 9:00 – 11:00 am, Pending approval, Van 1". */
export function bookingLabel(b: Booking, zone: string, resourceName?: string): string {
  const parts = [b.purpose, formatSpan(b.start, b.end, zone), bookingStatusLabels[b.status]];
  if (b.checkedOutAt && !b.checkedInAt) parts.push('checked out');
  const who = b.requester?.name;
  if (who) parts.push(`requested by ${who}`);
  if (resourceName) parts.push(resourceName);
  return parts.join(', ');
}

/** Bookings as timeline events, coloured by status; refused and cancelled ones are left out. */
export function bookingEvents(bookings: readonly Booking[], zone: string): EC.EventInput[] {
  return bookings
    .filter((b) => shownStatuses.includes(b.status))
    .map((b) => ({
      id: b.id,
      resourceIds: [b.resourceId],
      title: b.purpose,
      start: wallOf(Date.parse(b.start), zone),
      end: wallOf(Date.parse(b.end), zone),
      editable: false,
      backgroundColor: statusColours[b.status],
      textColor: '#ffffff',
      classNames: [`bk-status-${b.status}`, ...(b.checkedOutAt && !b.checkedInAt ? ['bk-out'] : [])],
      extendedProps: { booking: b },
    }));
}

/** Free slots as background shading of each resource's row. */
export function freeEvents(availability: readonly ResourceAvailability[], zone: string): EC.EventInput[] {
  return availability.flatMap((a) =>
    a.free.map((f, i) => ({
      id: `free|${a.resource.id}|${i}`,
      resourceIds: [a.resource.id],
      start: wallOf(Date.parse(f.start), zone),
      end: wallOf(Date.parse(f.end), zone),
      display: 'background' as const,
      classNames: ['bk-free'],
      extendedProps: { free: true },
    })),
  );
}

/**
 * Time that bookings you may not see hold (others' requests on resources you do not approve):
 * shown as plain "Booked" blocks, so the row still tells busy from free.
 */
export function busyEvents(
  availability: readonly ResourceAvailability[],
  shown: ReadonlySet<string>,
  zone: string,
): EC.EventInput[] {
  return availability.flatMap((a) =>
    a.busy
      .filter((b) => !shown.has(b.bookingId))
      .map((b) => {
        const status: BookingStatus = b.status === 'pending' ? 'pending' : 'approved';
        return {
          id: `busy|${a.resource.id}|${b.bookingId}`,
          resourceIds: [a.resource.id],
          title: status === 'pending' ? 'Requested' : 'Booked',
          start: wallOf(Date.parse(b.start), zone),
          end: wallOf(Date.parse(b.end), zone),
          editable: false,
          backgroundColor: statusColours[status],
          textColor: '#ffffff',
          classNames: ['bk-busy', `bk-status-${status}`],
          extendedProps: { busy: { ...b, status, resourceId: a.resource.id } },
        };
      }),
  );
}

/** "Booked, Mon, Mar 4, 2030, 9:00 – 11:00 am, Pending approval, Van 1" for a block you may not open. */
export function busyLabel(
  b: { start: string; end: string; status: BookingStatus },
  zone: string,
  resourceName?: string,
) {
  return ['Booked', formatSpan(b.start, b.end, zone), bookingStatusLabels[b.status], resourceName]
    .filter(Boolean)
    .join(', ');
}
