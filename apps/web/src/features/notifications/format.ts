import type { NotificationChannel, NotificationType } from '@kalendaryo/contract';
import { plural } from '../../app/messages';
import { formatMinutes } from '../../app/time';

const relative = new Intl.RelativeTimeFormat('en-PH', { numeric: 'auto' });
const steps: readonly [limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [7 * 86_400, 'day', 86_400],
  [30 * 86_400, 'week', 7 * 86_400],
  [365 * 86_400, 'month', 30 * 86_400],
  [Number.POSITIVE_INFINITY, 'year', 365 * 86_400],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago": how long before `now` an instant was. */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  const [, unit, size] = steps.find(([limit]) => Math.abs(seconds) < limit)!;
  return relative.format(Math.round(seconds / size), unit);
}

/**
 * The path inside this app a message's link opens (`/calendar?item=…`), or null when it leads
 * elsewhere and must open as an ordinary link.
 */
export function internalPath(link: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** "15 minutes before", "1 day before". */
export function reminderLabel(minutes: number): string {
  if (minutes === 0) return 'At the start';
  if (minutes % 10_080 === 0) return `${plural(minutes / 10_080, 'week')} before`;
  return `${formatMinutes(minutes)} before`;
}

export const typeLabels: Record<NotificationType, string> = {
  'item.invited': 'Invitations',
  'item.changed': 'Changes to events',
  'item.cancelled': 'Cancelled events',
  reminder: 'Reminders',
  'rsvp.updated': 'Replies to my invitations',
  'booking.requested': 'Booking requests to decide',
  'booking.approved': 'My bookings approved',
  'booking.rejected': 'My bookings rejected',
  'booking.conflict': 'Booking conflicts',
  'leave.requested': 'Leave requests to decide',
  'leave.decided': 'Decisions on my leave',
  'task.assigned': 'Tasks assigned to me',
  digest: 'Daily digest',
};

export const channelLabels: Record<NotificationChannel, string> = {
  in_app: 'In the app',
  email: 'Email',
  sms: 'SMS',
  push: 'Browser',
};
