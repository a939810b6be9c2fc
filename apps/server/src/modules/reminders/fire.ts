import {
  type EpochWindow,
  isAppError,
  localToEpochMs,
  occurrencesInWindow,
  type SeriesException,
  type SeriesOccurrence,
  type SeriesTimes,
} from '@kalendaryo/domain';

// When reminders fire: pure arithmetic on occurrences, windows and minutes, without the database.

const MINUTE_MS = 60_000;
/** Reminders whose fire time passed less than this long ago (downtime) are still sent; older ones are not. */
export const CATCH_UP_MS = 60 * MINUTE_MS;
/** How far ahead one run enqueues: reminders are written a little before they are due. */
export const LOOKAHEAD_MS = 2 * MINUTE_MS;
/**
 * All-day and floating items are read in each person's zone, which may be up to 14 hours from
 * the instants stored for the item: their candidate windows are widened by this much each side.
 */
export const ZONE_SLACK_MS = 36 * 60 * MINUTE_MS;
/** Most occurrences one series contributes to one window (a MINUTELY series cannot stall a run). */
const MAX_PER_WINDOW = 2000;

/**
 * The fire times one run covers, `[from, to)`: from where the last run stopped (but never more
 * than `catchUpMs` back, so a server down for a day does not send yesterday's reminders) to
 * `lookaheadMs` after now. Null when there is nothing new to look at.
 */
export function scanWindow(
  scannedUntilMs: number,
  nowMs: number,
  opts: { catchUpMs?: number; lookaheadMs?: number } = {},
): EpochWindow | null {
  const fromMs = Math.max(scannedUntilMs, nowMs - (opts.catchUpMs ?? CATCH_UP_MS));
  const toMs = nowMs + (opts.lookaheadMs ?? LOOKAHEAD_MS);
  return toMs > fromMs ? { fromMs, toMs } : null;
}

/**
 * Where an occurrence must start for a reminder `minutes` before it to fire within `fire`,
 * widened by `slackMs` each side; one window per distinct minutes value, overlapping ones merged.
 */
export function startWindows(fire: EpochWindow, minutes: Iterable<number>, slackMs = 0): EpochWindow[] {
  const sorted = [...new Set(minutes)].sort((a, b) => a - b);
  const out: { fromMs: number; toMs: number }[] = [];
  for (const m of sorted) {
    const fromMs = fire.fromMs + m * MINUTE_MS - slackMs;
    const toMs = fire.toMs + m * MINUTE_MS + slackMs;
    const last = out.at(-1);
    if (last && fromMs <= last.toMs) last.toMs = Math.max(last.toMs, toMs);
    else out.push({ fromMs, toMs });
  }
  return out;
}

/**
 * The instant a reminder counts back from: the occurrence's start for timed items; for all-day
 * items, the start of its first day in the person's own zone.
 */
export function reminderBaseMs(o: Pick<SeriesOccurrence, 'startMs' | 'dates'>, personZone: string): number {
  return o.dates ? localToEpochMs(`${o.dates.start}T00:00:00`, personZone) : o.startMs;
}

/** When a reminder `minutes` before an occurrence fires for a person in `personZone`. */
export const fireMs = (o: Pick<SeriesOccurrence, 'startMs' | 'dates'>, minutes: number, personZone: string) =>
  reminderBaseMs(o, personZone) - minutes * MINUTE_MS;

/** What distinguishes one reminder of one occurrence for one person (the outbox's idempotency key). */
export const reminderKey = (minutes: number, fireAtMs: number) =>
  `${minutes}:${new Date(fireAtMs).toISOString()}`;

/** An occurrence someone is reminded of, and when. */
export interface DueReminder {
  userId: string;
  minutes: number;
  fireAtMs: number;
  occurrence: SeriesOccurrence;
}

/** A person to remind of a series: their zone, their minutes, and the occurrences they declined. */
export interface ReminderPerson {
  userId: string;
  zone: string;
  minutes: readonly number[];
  /** True for an occurrence (recurrence id) the person declined. */
  declined?: (recurrenceId: string) => boolean;
}

/** Whether an occurrence takes place: not cancelled by the item or by its exception. */
const live = (o: SeriesOccurrence, itemStatus: string) =>
  itemStatus !== 'cancelled' && o.exception?.status !== 'cancelled';

/**
 * The reminders of one series that fire within `fire`, for each of `people`: every occurrence
 * (with its exceptions: moved ones count from their new time, cancelled ones never fire) and every
 * minutes value. Floating series are read in each person's zone; all-day ones count from the
 * start of the day in it. Each window is expanded once per zone it is read in, however many
 * people share it.
 */
export function dueReminders(
  series: SeriesTimes & { status: string },
  exceptions: readonly SeriesException[],
  people: readonly ReminderPerson[],
  fire: EpochWindow,
): DueReminder[] {
  const slack = series.allDay || series.zone === null ? ZONE_SLACK_MS : 0;
  const cache = new Map<string, SeriesOccurrence[]>();
  const occurrences = (m: number, zone: string) => {
    const key = `${m}|${series.zone ?? zone}`;
    let got = cache.get(key);
    if (!got) {
      got = startWindows(fire, [m], slack).flatMap((w) => expand(series, exceptions, w, zone));
      cache.set(key, got);
    }
    return got;
  };
  const due: DueReminder[] = [];
  for (const person of people) {
    for (const m of new Set(person.minutes)) {
      for (const o of occurrences(m, person.zone)) {
        if (!live(o, series.status) || person.declined?.(o.recurrenceId)) continue;
        const at = fireMs(o, m, person.zone);
        if (at >= fire.fromMs && at < fire.toMs)
          due.push({ userId: person.userId, minutes: m, fireAtMs: at, occurrence: o });
      }
    }
  }
  return due.sort((a, b) => a.fireAtMs - b.fireAtMs || a.minutes - b.minutes);
}

/**
 * Occurrences starting in `window` (not those merely running into it). A stored rule that can no
 * longer be expanded yields nothing rather than failing everyone's reminders.
 */
function expand(
  series: SeriesTimes,
  exceptions: readonly SeriesException[],
  window: EpochWindow,
  zone: string,
): SeriesOccurrence[] {
  try {
    return occurrencesInWindow(series, exceptions, window, {
      limit: MAX_PER_WINDOW,
      floatingZone: zone,
      onBudget: 'truncate',
    }).occurrences.filter((o) => o.startMs >= window.fromMs && o.startMs < window.toMs);
  } catch (e) {
    if (isAppError(e) && /^(recurrence|time)\./.test(e.code)) return [];
    throw e;
  }
}
