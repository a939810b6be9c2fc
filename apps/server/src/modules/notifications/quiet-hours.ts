import { getTimeZone, MS_PER_DAY, MS_PER_MINUTE } from '@kalendaryo/domain';

export interface QuietHours {
  enabled: boolean;
  /** `HH:MM` local time in the person's zone. */
  start: string;
  end: string;
  remindersExempt: boolean;
}

const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instant quiet hours end when `atMs` falls inside them (in `timeZone`), else null. Quiet
 * hours may cross midnight (22:00–07:00). The end is a wall time of the person's zone, so it
 * moves with a DST change; a wall time in a gap resolves as the zone layer does (later).
 */
export function quietHoursEnd(atMs: number, timeZone: string, q: QuietHours): number | null {
  if (!q.enabled) return null;
  const zone = getTimeZone(timeZone);
  const wall = zone.toWall(atMs);
  const dayStart = Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
  const minute = Math.floor((wall - dayStart) / MS_PER_MINUTE);
  const start = minuteOfDay(q.start);
  const end = minuteOfDay(q.end);
  const endToday = dayStart + end * MS_PER_MINUTE;
  let endWall: number | null = null;
  if (start < end) {
    if (minute >= start && minute < end) endWall = endToday;
  } else if (minute >= start) endWall = endToday + MS_PER_DAY;
  else if (minute < end) endWall = endToday;
  return endWall === null ? null : zone.toInstant(endWall);
}
