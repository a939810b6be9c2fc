/**
 * Between the calendar feed and @event-calendar/core: occurrences become the component's events
 * (wall times in the person's zone, so the device's own zone never matters), and a drag or a
 * resize becomes the start and end to send to the server.
 */
import type { Calendar as EC } from '@event-calendar/core';
import type { Occurrence } from '@kalendaryo/contract';
import { addDays, formatOccurrenceTime, isDate, isoInstant, occurrenceWall, shiftWall } from '../../app/time';
import { kindLabels } from './labels';

/** A stable id for an occurrence: the item and which of its occurrences. */
export const occurrenceId = (o: Pick<Occurrence, 'itemId' | 'recurrenceId' | 'start' | 'title'>): string =>
  o.itemId ? `${o.itemId}|${o.recurrenceId ?? ''}` : `holiday|${o.start}|${o.title}`;

/** Black or white, whichever reads better on `color` (WCAG relative luminance). */
export function textColorOn(color: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return '#ffffff';
  const [r, g, b] = m.slice(1).map((h) => {
    const c = Number.parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(lum+0.05); with black (lum+0.05)/0.05.
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? '#ffffff' : '#10201e';
}

/** Whether an occurrence is leave still waiting for a decision (it must not look approved). */
export const isPendingLeave = (o: Pick<Occurrence, 'kind' | 'details'>): boolean =>
  o.kind === 'leave' && o.details?.approvalStatus === 'pending';

/** The feed's occurrences as @event-calendar/core events. */
export function toCalendarEvents(occurrences: readonly Occurrence[], zone: string): EC.EventInput[] {
  return occurrences.map((o) => {
    const { start, end } = occurrenceWall(o, zone);
    const editable = o.editable && o.itemId !== null;
    const pending = isPendingLeave(o);
    return {
      id: occurrenceId(o),
      // Pending leave says so in its title and is hatched (ev-pending) in every view.
      title: pending ? `${o.title} (pending)` : o.title,
      start,
      end,
      allDay: o.allDay,
      editable,
      startEditable: editable,
      durationEditable: editable,
      backgroundColor: o.color,
      textColor: textColorOn(o.color),
      classNames: [
        `ev-kind-${o.kind}`,
        `ev-status-${o.status}`,
        ...(o.recurring ? ['ev-recurring'] : []),
        ...(pending ? ['ev-pending'] : []),
      ],
      extendedProps: { occurrence: o },
    };
  });
}

/** An accessible name for an event on the grid: what, when, which kind. */
export function eventLabel(o: Occurrence, zone: string): string {
  const parts = [o.title, formatOccurrenceTime(o, zone), kindLabels[o.kind]];
  if (o.location) parts.push(o.location);
  if (o.status === 'cancelled') parts.push('cancelled');
  if (isPendingLeave(o)) parts.push('waiting for approval');
  if (o.recurring) parts.push('repeats');
  return parts.join(', ');
}

/** How far a drag moved an event, as @event-calendar/core reports it. */
export interface Delta {
  years: number;
  months: number;
  days: number;
  seconds: number;
}

/** Moves a wall time or date by a drag's delta, on the wall clock (not in 24-hour steps). */
export function applyDelta(value: string, delta: Delta): string {
  let v = value;
  if (delta.years || delta.months) {
    const y = Number(v.slice(0, 4));
    const m = Number(v.slice(5, 7)) - 1 + delta.years * 12 + delta.months;
    const year = y + Math.floor(m / 12);
    const month = (((m % 12) + 12) % 12) + 1;
    v = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}${v.slice(7)}`;
  }
  if (isDate(v)) return addDays(v, delta.days + Math.trunc(delta.seconds / 86_400));
  return shiftWall(v, delta.days, delta.seconds);
}

const ZERO: Delta = { years: 0, months: 0, days: 0, seconds: 0 };

/**
 * The new start and end of an occurrence after a drag (`delta` moves both) or a resize
 * (`endDelta` moves the end), ready to send: dates for all-day occurrences, instants otherwise.
 */
export function movedTimes(
  o: Pick<Occurrence, 'start' | 'end' | 'allDay'>,
  zone: string,
  delta: Delta = ZERO,
  endDelta: Delta = ZERO,
): { start: string; end: string } {
  const wall = occurrenceWall(o, zone);
  const start = applyDelta(wall.start, delta);
  const end = applyDelta(applyDelta(wall.end, delta), endDelta);
  if (o.allDay) return { start, end };
  return { start: isoInstant(start, zone), end: isoInstant(end, zone) };
}

/**
 * For a change of the whole series: its first start and end (local wall times of the item's
 * zone, or dates) moved by the same delta, the end also by `endDelta`.
 */
export function movedSeries(
  dtstart: string,
  dtend: string,
  delta: Delta = ZERO,
  endDelta: Delta = ZERO,
): { start: string; end: string } {
  return { start: applyDelta(dtstart, delta), end: applyDelta(applyDelta(dtend, delta), endDelta) };
}
