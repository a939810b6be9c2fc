import { type Calendar as EC, Interaction, ResourceTimeline } from '@event-calendar/core';
import '@event-calendar/core/index.css';
import type { Booking, Resource } from '@kalendaryo/contract';
import type { BookingStatus } from '@kalendaryo/contract/values';
import { useRef } from 'react';
import { offsetString } from '../../app/time';
import type { Interval } from '../bookings/booking-form';
import { useEventCalendar } from '../calendar/use-event-calendar';
import { bookingLabel, busyLabel } from './timeline';

export interface TimelineHandlers {
  onBookingClick(booking: Booking, el: HTMLElement): void;
  /** A range selected on a resource's row: wall times 'YYYY-MM-DDTHH:mm:ss' in the person's zone. */
  onSelect(slot: { resourceId: string; start: string; end: string }): void;
}

interface Props extends TimelineHandlers {
  /** resourceTimelineDay | resourceTimelineWeek | resourceTimelineMonth */
  view: string;
  date: string;
  resources: EC.ResourceInput[];
  events: EC.EventInput[];
  zone: string;
  selectable: boolean;
  label: string;
}

const bookingOf = (event: EC.Event): Booking | undefined =>
  event.extendedProps.booking as Booking | undefined;

/**
 * @event-calendar/core's resource timeline: resources down the side, time across. Bookings are
 * buttons named with their purpose, time, status and resource; free time is shaded green behind
 * them. Selecting a stretch of a row asks for a booking of that resource then.
 */
export function ResourceTimelineView({
  view,
  date,
  resources,
  events,
  zone,
  selectable,
  label,
  ...handlers
}: Props) {
  const handlersRef = useRef<TimelineHandlers>(handlers);
  handlersRef.current = handlers;
  const zoneRef = useRef(zone);
  zoneRef.current = zone;
  const namesRef = useRef(new Map<string, string>());
  namesRef.current = new Map(
    resources.map((r) => [String(r.id), (r.extendedProps?.resource as Resource | undefined)?.name ?? '']),
  );

  const hostRef = useEventCalendar(
    [ResourceTimeline, Interaction],
    { view, date, resources, events, selectable, timeZone: offsetString(zone) },
    (calRef) => ({
      locale: 'en-PH',
      firstDay: 1,
      headerToolbar: { start: '', center: '', end: '' },
      height: 'auto',
      nowIndicator: true,
      editable: false,
      slotMinTime: '06:00:00',
      slotMaxTime: '20:00:00',
      flexibleSlotTimeLimits: true,
      eventTimeFormat: { hour: 'numeric', minute: '2-digit' },
      slotLabelFormat: { hour: 'numeric' },
      noEventsContent: 'No bookings in this period.',
      views: {
        resourceTimelineDay: { slotDuration: '00:30:00', slotLabelInterval: '01:00:00', slotWidth: 44 },
        // A week shows 06:00–22:00 in two-hour slots; a block is too short for its time, so its
        // title says what it is (the full time is in its accessible name and its details).
        resourceTimelineWeek: {
          slotDuration: '02:00:00',
          slotLabelInterval: '06:00:00',
          slotMaxTime: '22:00:00',
          slotWidth: 19,
          dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
          eventContent: ({ event }) => (typeof event.title === 'string' ? event.title : ''),
        },
        resourceTimelineMonth: {
          slotWidth: 66,
          dayHeaderFormat: { weekday: 'short', day: 'numeric' },
          eventContent: ({ event }) => (typeof event.title === 'string' ? event.title : ''),
        },
      },
      resourceLabelDidMount: ({ el, resource }) => {
        const r = resource.extendedProps.resource as Resource | undefined;
        if (r) el.dataset.resourceId = r.id;
      },
      eventDidMount: ({ el, event }) => {
        const b = bookingOf(event);
        const busy = event.extendedProps.busy as
          | (Interval & { status: BookingStatus; resourceId: string })
          | undefined;
        if (busy) {
          el.setAttribute(
            'aria-label',
            busyLabel(busy, zoneRef.current, namesRef.current.get(busy.resourceId)),
          );
          el.dataset.status = busy.status;
          el.dataset.resourceId = busy.resourceId;
          return;
        }
        if (!b) {
          el.setAttribute('aria-hidden', 'true');
          return;
        }
        el.setAttribute('aria-label', bookingLabel(b, zoneRef.current, namesRef.current.get(b.resourceId)));
        el.dataset.bookingId = b.id;
        el.dataset.status = b.status;
        el.dataset.resourceId = b.resourceId;
      },
      eventClick: ({ event, el, jsEvent }) => {
        const b = bookingOf(event);
        if (!b) return;
        if (jsEvent.type === 'keydown') jsEvent.preventDefault();
        handlersRef.current.onBookingClick(b, el);
      },
      select: ({ startStr, endStr, resource }) => {
        calRef.current?.unselect();
        if (!resource) return;
        handlersRef.current.onSelect({
          resourceId: String(resource.id),
          start: startStr.slice(0, 19),
          end: endStr.slice(0, 19),
        });
      },
    }),
  );

  return (
    <section ref={hostRef} className="calendar-grid resource-timeline" aria-label={label} data-view={view} />
  );
}
