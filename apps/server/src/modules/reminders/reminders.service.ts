import type { ItemReminders } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { type ItemFollowers, requireItem } from '../items';
import { cancelPendingNotifications, preferencesOf } from '../notifications';
import type { ParticipationFollowers } from '../participants';
import { recomputeReminders } from './reminders.jobs';
import {
  copyReminders,
  findOwnReminders,
  isInvolved,
  saveOwnReminders,
  zoneBoundItems,
} from './reminders.repository';

export interface ReminderDeps {
  db: Db;
  /** The clock (tests move it). */
  now?: () => Date;
}

const clock = (deps: { now?: (() => Date) | undefined }) => (deps.now ?? (() => new Date()))();
const normalised = (minutes: readonly number[]) => [...new Set(minutes)].sort((a, b) => a - b);

/** The signed-in person's reminders for an item they may see: their own, else their defaults. */
export async function getItemReminders(
  deps: ReminderDeps,
  actor: Actor,
  itemId: string,
): Promise<ItemReminders> {
  await requireItem(deps.db, actor, itemId, 'view');
  const own = await findOwnReminders(deps.db, itemId, actor.userId);
  if (own) return { minutes: own, usesDefaults: false };
  const prefs = (await preferencesOf(deps.db, [actor.userId])).get(actor.userId);
  return { minutes: prefs?.defaultReminders ?? [15], usesDefaults: true };
}

/**
 * Sets the signed-in person's own reminders for an item: anyone who sees it (organiser, assignee,
 * invited, member of its calendar) for themself; a viewer only where they take part. Their
 * reminders already enqueued are replaced at once.
 */
export async function setItemReminders(
  deps: ReminderDeps,
  actor: Actor,
  itemId: string,
  minutes: readonly number[],
): Promise<ItemReminders> {
  return deps.db.transaction(async (tx) => {
    await requireItem(tx, actor, itemId, 'view');
    if (actor.role === 'viewer' && !(await isInvolved(tx, itemId, actor.userId)))
      throw new AppError('auth.forbidden', 'Viewers set reminders only for items they take part in.');
    await saveOwn(tx, actor, itemId, minutes, clock(deps));
    return { minutes: normalised(minutes), usesDefaults: false };
  });
}

async function saveOwn(tx: Queryable, actor: Actor, itemId: string, minutes: readonly number[], now: Date) {
  await saveOwnReminders(tx, itemId, actor.userId, normalised(minutes));
  await recomputeReminders(tx, [itemId], now, actor.userId);
}

/**
 * Reminders as followers of items: a new item gets its creator's reminders (and everyone's
 * defaults) at once; an edit or a removal drops the reminders already enqueued for the item and
 * enqueues them again from its new times; a split series takes the reminders people set on the
 * old one. Handed to the items service, which cannot import this module.
 */
export function reminderFollowers(now: () => Date = () => new Date()): ItemFollowers {
  return {
    async itemsMoved(tx, _actor, moves) {
      const changed: string[] = [];
      for (const m of moves) {
        if (m.removed) {
          await cancelPendingNotifications(tx, { itemId: m.itemId, types: ['reminder'] });
          continue;
        }
        changed.push(m.itemId);
        if (m.toItemId && m.toItemId !== m.itemId) {
          await copyReminders(tx, m.itemId, m.toItemId);
          changed.push(m.toItemId);
        }
      }
      if (changed.length) await recomputeReminders(tx, changed, now());
    },
    async itemSaved(tx, actor, saved) {
      if (saved.reminders) await saveOwn(tx, actor, saved.itemId, saved.reminders, now());
      else if (saved.created) await recomputeReminders(tx, [saved.itemId], now());
    },
  };
}

/**
 * Reminders as followers of participation: an answer (declined: none; going again: back) or a
 * removal replaces the person's reminders of the item already enqueued.
 */
export function reminderParticipationFollowers(now: () => Date = () => new Date()): ParticipationFollowers {
  return {
    participationChanged: (tx, itemId, userId) => recomputeReminders(tx, [itemId], now(), userId),
  };
}

/**
 * After a person's time zone changed: their reminders of all-day and floating items (the ones
 * read in their zone) already enqueued are replaced by reminders at the new zone's times.
 */
export async function timeZoneChanged(db: Db, userId: string, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = await zoneBoundItems(tx, userId, now);
    if (ids.length) await recomputeReminders(tx, ids, now, userId);
  });
}
