/** Pieces shared by every @event-calendar/core grid (calendar views, resource timeline). */

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
