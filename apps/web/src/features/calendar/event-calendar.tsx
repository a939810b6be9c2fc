import { DayGrid, type Calendar as EC, Interaction, List, TimeGrid } from '@event-calendar/core';
import '@event-calendar/core/index.css';
import type { Occurrence } from '@kalendaryo/contract';
import { useRef } from 'react';
import { offsetString } from '../../app/time';
import { eventLabel, occurrenceId } from './calendar-events';
import { useEventCalendar } from './use-event-calendar';

export interface CalendarHandlers {
  onEventClick(occurrence: Occurrence, el: HTMLElement): void;
  /** A drag (`delta`) or a resize (`endDelta`) of an editable occurrence; call `revert` to undo it. */
  onEventChange(change: {
    occurrence: Occurrence;
    delta?: EC.Duration;
    endDelta?: EC.Duration;
    allDayChanged: boolean;
    revert: () => void;
  }): void;
  /** An empty slot clicked or a range selected: wall times ('YYYY-MM-DDTHH:mm:ss') or dates. */
  onSlot(slot: { start: string; end: string; allDay: boolean }): void;
}

interface Props extends CalendarHandlers {
  /** The @event-calendar/core view name. */
  view: string;
  date: string;
  events: EC.EventInput[];
  zone: string;
  canCreate: boolean;
  label: string;
}

const occurrenceOf = (event: EC.Event): Occurrence => event.extendedProps.occurrence as Occurrence;

/**
 * The month, week, day and list grids of @event-calendar/core (a Svelte component), mounted in a
 * div through a ref. The component draws no toolbar of its own: the page's controls drive it
 * through `view` and `date`, and the feed's occurrences come in through `events`.
 */
export function EventCalendar({ view, date, events, zone, canCreate, label, ...handlers }: Props) {
  const handlersRef = useRef<CalendarHandlers>(handlers);
  handlersRef.current = handlers;
  const zoneRef = useRef(zone);
  zoneRef.current = zone;

  const hostRef = useEventCalendar(
    [DayGrid, TimeGrid, List, Interaction],
    { view, date, events, selectable: canCreate, timeZone: offsetString(zone) },
    (calRef) => ({
      locale: 'en-PH',
      firstDay: 1,
      headerToolbar: { start: '', center: '', end: '' },
      height: 'auto',
      dayMaxEvents: true,
      nowIndicator: true,
      editable: true,
      scrollTime: '07:00:00',
      slotMinTime: '00:00:00',
      slotMaxTime: '24:00:00',
      allDayContent: 'All day',
      noEventsContent: 'Nothing scheduled in this period.',
      eventTimeFormat: { hour: 'numeric', minute: '2-digit' },
      slotLabelFormat: { hour: 'numeric', minute: '2-digit' },
      buttonText: (t) => ({ ...t, close: 'Close' }),
      views: {
        timeGridWeek: { height: '44rem', dayHeaderFormat: { weekday: 'short', day: 'numeric' } },
        timeGridDay: { height: '44rem' },
      },
      eventDidMount: ({ el, event }) => {
        const o = occurrenceOf(event);
        el.setAttribute('aria-label', eventLabel(o, zoneRef.current));
        el.dataset.itemId = o.itemId ?? '';
        el.dataset.recurrenceId = o.recurrenceId ?? '';
        el.dataset.occurrence = occurrenceId(o);
        el.dataset.kind = o.kind;
      },
      eventClick: ({ event, el, jsEvent }) => {
        // Enter opens the popover, whose button takes the focus; without this the same key press
        // would go on to press that button and close the popover again.
        if (jsEvent.type === 'keydown') jsEvent.preventDefault();
        handlersRef.current.onEventClick(occurrenceOf(event), el);
      },
      eventDrop: ({ event, oldEvent, delta, revert }) =>
        handlersRef.current.onEventChange({
          occurrence: occurrenceOf(event),
          delta,
          allDayChanged: event.allDay !== oldEvent.allDay,
          revert,
        }),
      eventResize: ({ event, endDelta, revert }) =>
        handlersRef.current.onEventChange({
          occurrence: occurrenceOf(event),
          endDelta,
          allDayChanged: false,
          revert,
        }),
      dateClick: ({ dateStr, allDay }) => {
        const start = allDay ? dateStr.slice(0, 10) : dateStr.slice(0, 19);
        handlersRef.current.onSlot({ start, end: start, allDay });
      },
      select: ({ startStr, endStr, allDay }) => {
        const cut = (s: string) => (allDay ? s.slice(0, 10) : s.slice(0, 19));
        handlersRef.current.onSlot({ start: cut(startStr), end: cut(endStr), allDay });
        calRef.current?.unselect();
      },
    }),
  );

  return <section ref={hostRef} className="calendar-grid" aria-label={label} data-view={view} />;
}
