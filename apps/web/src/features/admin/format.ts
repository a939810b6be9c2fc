import type { Role } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  staff: 'Staff',
  viewer: 'Viewer',
};

/** "Nov 26, 2025, 9:05 AM" in the viewer's zone, or "Never". */
export function formatInstant(iso: string | null, timeZone = OFFICE_TIME_ZONE, locale = 'en-PH'): string {
  if (!iso) return 'Never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Unknown';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
