import {
  type NotificationChannel,
  type NotificationType,
  notificationTypes,
  type Preferences,
} from '@kalendaryo/contract';
import { OFFICE_WORKING_DAYS, OFFICE_WORKING_HOURS } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { rowColumns } from '../../db/columns';

export interface PreferencesRow {
  user_id: string;
  channels: Partial<Record<NotificationType, NotificationChannel[]>>;
  default_reminders: number[];
  quiet_enabled: boolean;
  quiet_start: string;
  quiet_end: string;
  reminders_exempt: boolean;
  working_days: number[];
  working_start: string;
  working_end: string;
  digest_enabled: boolean;
  digest_time: string;
  phone: string | null;
}

const PREFS = rowColumns<PreferencesRow>()('notification_preferences', [
  'user_id',
  'channels',
  'default_reminders',
  'quiet_enabled',
  'quiet_start',
  'quiet_end',
  'reminders_exempt',
  'working_days',
  'working_start',
  'working_end',
  'digest_enabled',
  'digest_time',
  'phone',
]);

/** Channels of a type nobody changed: the inbox and email. */
export const DEFAULT_CHANNELS: readonly NotificationChannel[] = ['in_app', 'email'];

/** A person's preferences when they have chosen nothing (NOTIFY defaults, office working hours). */
export function defaultPreferences(): Preferences {
  return {
    channels: Object.fromEntries(notificationTypes.map((t) => [t, [...DEFAULT_CHANNELS]])) as Record<
      NotificationType,
      NotificationChannel[]
    >,
    defaultReminders: [15],
    quietHours: { enabled: false, start: '22:00', end: '07:00', remindersExempt: true },
    workingHours: {
      days: [...OFFICE_WORKING_DAYS],
      start: OFFICE_WORKING_HOURS.start,
      end: OFFICE_WORKING_HOURS.end,
    },
    digest: { enabled: false, time: '07:00' },
    phone: null,
  };
}

/** The API shape of a row, defaults filled in for the types the person never changed. */
export function presentPreferences(row: PreferencesRow | undefined): Preferences {
  const p = defaultPreferences();
  if (!row) return p;
  for (const t of notificationTypes) {
    const chosen = row.channels[t];
    // The inbox always gets every message, whatever was stored.
    if (chosen) p.channels[t] = ['in_app', ...chosen.filter((c) => c !== 'in_app')];
  }
  return {
    channels: p.channels,
    defaultReminders: row.default_reminders,
    quietHours: {
      enabled: row.quiet_enabled,
      start: row.quiet_start,
      end: row.quiet_end,
      remindersExempt: row.reminders_exempt,
    },
    workingHours: { days: row.working_days, start: row.working_start, end: row.working_end },
    digest: { enabled: row.digest_enabled, time: row.digest_time },
    phone: row.phone,
  };
}

export async function loadPreferenceRows(
  q: Queryable,
  userIds: readonly string[],
): Promise<Map<string, PreferencesRow>> {
  if (!userIds.length) return new Map();
  const rows = (
    await q.query<PreferencesRow>(
      `select ${PREFS.list()} from notification_preferences where user_id = any($1::uuid[])`,
      [userIds],
    )
  ).rows;
  return new Map(rows.map((r) => [r.user_id, r]));
}

/** Stores a person's complete preferences (insert or replace), returning them. */
export async function savePreferences(q: Queryable, userId: string, p: Preferences): Promise<void> {
  const channels = Object.fromEntries(
    Object.entries(p.channels).map(([t, cs]) => [t, cs.filter((c) => c !== 'in_app')]),
  );
  await q.query(
    `insert into notification_preferences (user_id, channels, default_reminders, quiet_enabled, quiet_start,
       quiet_end, reminders_exempt, working_days, working_start, working_end, digest_enabled, digest_time,
       phone, updated_at)
     values ($1, $2::jsonb, $3::int[], $4, $5, $6, $7, $8::int[], $9, $10, $11, $12, $13, now())
     on conflict (user_id) do update set channels = excluded.channels,
       default_reminders = excluded.default_reminders, quiet_enabled = excluded.quiet_enabled,
       quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
       reminders_exempt = excluded.reminders_exempt, working_days = excluded.working_days,
       working_start = excluded.working_start, working_end = excluded.working_end,
       digest_enabled = excluded.digest_enabled, digest_time = excluded.digest_time,
       phone = excluded.phone, updated_at = now()`,
    [
      userId,
      JSON.stringify(channels),
      p.defaultReminders,
      p.quietHours.enabled,
      p.quietHours.start,
      p.quietHours.end,
      p.quietHours.remindersExempt,
      p.workingHours.days,
      p.workingHours.start,
      p.workingHours.end,
      p.digest.enabled,
      p.digest.time,
      p.phone,
    ],
  );
}

/**
 * Locks a person's preferences row for a read-modify-write, creating it with the column defaults
 * (the same as `defaultPreferences`) first, so two first changes at once queue on one row.
 */
export async function lockPreferences(q: Queryable, userId: string): Promise<void> {
  await q.query('insert into notification_preferences (user_id) values ($1) on conflict do nothing', [
    userId,
  ]);
  await q.query('select 1 from notification_preferences where user_id = $1 for update', [userId]);
}
