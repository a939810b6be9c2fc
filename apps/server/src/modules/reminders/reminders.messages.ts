import type { NotificationInput } from '../notifications';
import type { DueReminder } from './fire';
import { reminderKey } from './fire';
import type { ReminderItemRow } from './reminders.repository';

// The words of a reminder, in the person's own zone.

/** Formatters are costly to build: one per zone and form, kept (a zone's rules do not change while running). */
const formatters = new Map<string, Intl.DateTimeFormat>();
const cached = (key: string, make: () => Intl.DateTimeFormat) => {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
};
const dayTime = (zone: string) =>
  cached(
    `dt|${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
/** "09:00" in `zone`. */
export const time = (zone: string) =>
  cached(
    `t|${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** "15 minutes", "1 hour", "2 days", "1 week": how long before the start a reminder comes. */
export function before(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes % 10_080 === 0) return unit(minutes / 10_080, 'week');
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

/** The web path that opens an item (and one of its occurrences). */
export const itemPath = (itemId: string, occurrence: string | null) =>
  `/calendar?item=${itemId}${occurrence ? `&occurrence=${encodeURIComponent(occurrence)}` : ''}`;

/**
 * The notification of one due reminder: "Team planning — Tue 10 Mar, 09:00", "Starts in 15
 * minutes (09:00–10:00, America/New_York) at Room 2." All-day items name the day.
 */
export function reminderNotification(
  item: ReminderItemRow,
  due: DueReminder,
  zone: string,
  series: boolean,
): NotificationInput {
  const o = due.occurrence;
  const title = (o.exception?.title ?? item.title).slice(0, 200);
  const location = o.exception?.location ?? item.location;
  const when = o.dates
    ? day.format(new Date(`${o.dates.start}T00:00:00Z`))
    : dayTime(zone).format(new Date(o.startMs));
  const lead = due.minutes === 0 ? 'Starts now' : `Starts in ${before(due.minutes)}`;
  const span = o.dates
    ? 'all day'
    : `${time(zone).format(new Date(o.startMs))}–${time(zone).format(new Date(o.endMs))}, ${zone}`;
  const occurrence = series ? o.recurrenceId : null;
  return {
    recipientId: due.userId,
    type: 'reminder',
    title: `${title} — ${when}`,
    body: `${lead} (${span})${location ? ` at ${location}` : ''}.`,
    path: itemPath(item.id, occurrence),
    itemId: item.id,
    occurrence,
    dueAt: new Date(due.fireAtMs),
    key: reminderKey(due.minutes, due.fireAtMs),
    data: {
      itemTitle: title,
      kind: item.kind,
      start: o.dates ? o.dates.start : new Date(o.startMs).toISOString(),
      end: o.dates ? o.dates.end : new Date(o.endMs).toISOString(),
      allDay: o.dates !== null,
      location,
      minutesBefore: due.minutes,
      timeZone: zone,
    },
  };
}
