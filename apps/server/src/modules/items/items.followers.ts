import type { Queryable } from '../../db/client';
import type { Actor, RequestMeta } from '../deps';

/**
 * How the occurrences of an item were carried by a change, for what follows items (resource
 * bookings): the live bookings of `itemId` (those of occurrences from `fromOccurrence` on, when
 * given) now belong to `toItemId` (default the same item), their recurrence ids shifted by
 * `shiftSeconds` of wall time; `removed` means the item is about to be deleted.
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

/**
 * What follows items, called in the transaction of the change (the bookings module provides it;
 * items cannot import bookings, which depend on items). `keepBookings`: the user moves the item
 * without its bookings, which are then cancelled instead of moved.
 */
export interface ItemFollowers {
  itemsMoved(
    tx: Queryable,
    actor: Actor,
    moves: readonly ItemMove[],
    opts: { keepBookings: boolean },
    meta: RequestMeta,
  ): Promise<void>;
}
