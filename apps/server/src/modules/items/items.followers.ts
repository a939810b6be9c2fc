import type { Queryable } from '../../db/client';
import type { Actor, RequestMeta } from '../deps';

/**
 * How the occurrences of an item were carried by a change, for what follows items (resource
 * bookings, participants): the occurrences of `itemId` (those from `fromOccurrence` on, when
 * given) now belong to `toItemId` (default the same item), their recurrence ids shifted by
 * `shiftSeconds` of wall time; `removed` means the item is about to be deleted. A `toItemId`
 * other than `itemId` is a "this and following" split: `toItemId` is the new series.
 */
export interface ItemMove {
  itemId: string;
  toItemId?: string;
  fromOccurrence?: string;
  shiftSeconds?: number;
  removed?: boolean;
  /** A single item's times before the change: its bookings keep their margins around it. */
  previous?: { start: Date; end: Date };
}

/** What a create or an edit saved, for what follows items. */
export interface ItemSaved {
  itemId: string;
  created: boolean;
  /** The actor's own reminders for the item, when the request gave them. */
  reminders: readonly number[] | undefined;
}

/**
 * What follows items, called in the transaction of the change (the participants, bookings and
 * reminders modules provide them; items cannot import those, which depend on items).
 * `keepBookings`: the user moves the item without its bookings, which are then cancelled instead
 * of moved. `itemsMoved` is called on every edit and delete; `itemSaved` after a create, and after
 * an edit that carries `reminders`.
 */
export interface ItemFollowers {
  itemsMoved(
    tx: Queryable,
    actor: Actor,
    moves: readonly ItemMove[],
    opts: { keepBookings: boolean },
    meta: RequestMeta,
  ): Promise<void>;
  itemSaved?(tx: Queryable, actor: Actor, saved: ItemSaved, meta: RequestMeta): Promise<void>;
}

/**
 * Several followers as one, called in the order given within the same transaction (participants
 * before bookings and reminders: any may refuse the change, and then nothing of it stays).
 */
export function combineFollowers(...all: readonly ItemFollowers[]): ItemFollowers {
  return {
    async itemsMoved(tx, actor, moves, opts, meta) {
      for (const f of all) await f.itemsMoved(tx, actor, moves, opts, meta);
    },
    async itemSaved(tx, actor, saved, meta) {
      for (const f of all) await f.itemSaved?.(tx, actor, saved, meta);
    },
  };
}
