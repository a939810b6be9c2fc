/** Pieces shared by every @event-calendar/core grid (calendar views, resource timeline). */
import { offsetMinutes } from './zoned';

/** '+08:00' for Asia/Manila: the calendar's "now" and "today" follow the person's zone. */
export function offsetString(zone: string): string {
  const min = offsetMinutes(Date.now(), zone);
  const abs = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const TABLE_ROLES = new Set(['table', 'row', 'rowgroup', 'cell', 'columnheader', 'rowheader']);

/**
 * The grids of @event-calendar/core claim table roles (table, columnheader, cell) without the
 * rows that ARIA requires between them, which misleads screen readers. The roles are dropped; the
 * events themselves are buttons named with their full date and time (`eventLabel`).
 */
export function dropTableRoles(root: Element): void {
  for (const el of root.querySelectorAll('[role]')) {
    if (TABLE_ROLES.has(el.getAttribute('role') ?? '')) el.removeAttribute('role');
  }
  for (const el of root.querySelectorAll('[aria-colindex], [aria-colspan]')) {
    el.removeAttribute('aria-colindex');
    el.removeAttribute('aria-colspan');
  }
}
