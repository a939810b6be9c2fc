import type { Preferences, PreferencesPatch } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import {
  loadPreferenceRows,
  lockPreferences,
  presentPreferences,
  savePreferences,
} from './preferences.repository';

/** A person's preferences with defaults filled in (default reminders, quiet hours, digest). */
export async function preferencesOf(
  q: Queryable,
  userIds: readonly string[],
): Promise<Map<string, Preferences>> {
  const unique = [...new Set(userIds)];
  const rows = await loadPreferenceRows(q, unique);
  return new Map(unique.map((id) => [id, presentPreferences(rows.get(id))]));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Applies a checked patch to stored preferences; semantic errors are 422 `preferences.invalid`. */
export function applyPatch(current: Preferences, patch: PreferencesPatch): Preferences {
  const channels = { ...current.channels };
  for (const [type, list] of Object.entries(patch.channels ?? {}) as [
    keyof Preferences['channels'],
    Preferences['channels'][keyof Preferences['channels']],
  ][])
    channels[type] = ['in_app', ...new Set(list.filter((c) => c !== 'in_app'))];
  const next: Preferences = {
    channels,
    defaultReminders: [...new Set(patch.defaultReminders ?? current.defaultReminders)].sort((a, b) => a - b),
    quietHours: { ...current.quietHours, ...patch.quietHours },
    workingHours: { ...current.workingHours, ...patch.workingHours },
    digest: { ...current.digest, ...patch.digest },
    phone: patch.phone === undefined ? current.phone : patch.phone,
  };
  next.workingHours.days = [...new Set(next.workingHours.days)].sort((a, b) => a - b);
  const fields = [];
  if (next.quietHours.start === next.quietHours.end)
    fields.push({ field: 'quietHours.end', message: 'must differ from the start of quiet hours' });
  if (minutes(next.workingHours.end) <= minutes(next.workingHours.start))
    fields.push({ field: 'workingHours.end', message: 'must be after the start of working hours' });
  if (fields.length)
    throw new AppError('preferences.invalid', 'These preferences contradict themselves.', fields);
  return next;
}

/** The signed-in person's preferences. */
export async function getPreferences(deps: { db: Db }, userId: string): Promise<Preferences> {
  return (await preferencesOf(deps.db, [userId])).get(userId)!;
}

/** Changes the signed-in person's preferences; concurrent changes apply one after the other. */
export async function updatePreferences(
  deps: { db: Db },
  userId: string,
  patch: PreferencesPatch,
): Promise<Preferences> {
  return deps.db.transaction(async (tx) => {
    await lockPreferences(tx, userId);
    const current = (await preferencesOf(tx, [userId])).get(userId)!;
    const next = applyPatch(current, patch);
    await savePreferences(tx, userId, next);
    return next;
  });
}
