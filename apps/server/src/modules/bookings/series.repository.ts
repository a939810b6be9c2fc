import type { Queryable } from '../../db/client';
import { rowColumns } from '../../db/columns';

/** A standing request: keep booking a resource for an item's occurrences as the horizon moves. */
export interface SeriesRow {
  id: string;
  item_id: string;
  resource_id: string;
  requester_id: string;
  purpose: string;
  notes: string | null;
  horizon_days: number;
  booked_through: Date;
}

const SERIES = rowColumns<SeriesRow>()('booking_series', [
  'id',
  'item_id',
  'resource_id',
  'requester_id',
  'purpose',
  'notes',
  'horizon_days',
  'booked_through',
]);
const COLUMNS = SERIES.list();

/** Active standing requests whose horizon has moved past what they booked, oldest first. */
export async function dueSeries(db: Queryable, now: Date): Promise<Pick<SeriesRow, 'id' | 'resource_id'>[]> {
  const r = await db.query<Pick<SeriesRow, 'id' | 'resource_id'>>(
    `select id, resource_id from booking_series
      where active and booked_through < $1::timestamptz + horizon_days * interval '1 day'
      order by booked_through limit 10000`,
    [now],
  );
  return r.rows;
}

/**
 * Claims an active standing request for the caller's transaction; undefined when another server
 * holds it (FOR UPDATE SKIP LOCKED) or it stopped meanwhile.
 */
export async function claimSeries(tx: Queryable, id: string): Promise<SeriesRow | undefined> {
  const r = await tx.query<SeriesRow>(
    `select ${COLUMNS} from booking_series where id = $1 and active for update skip locked`,
    [id],
  );
  return r.rows[0];
}

/** Stops a standing request: the horizon job no longer books for it. */
export async function stopSeries(tx: Queryable, id: string): Promise<void> {
  await tx.query('update booking_series set active = false, updated_at = now() where id = $1', [id]);
}

/** Records how far a standing request has booked, and whether the series goes on past it. */
export async function advanceSeries(tx: Queryable, id: string, through: Date, more: boolean): Promise<void> {
  await tx.query(
    'update booking_series set booked_through = $2, active = $3, updated_at = now() where id = $1',
    [id, through, more],
  );
}

/**
 * Creates or renews the standing request of (item, resource); `booked_through` never moves back,
 * so a second request does not book occurrences again.
 */
export async function upsertSeries(tx: Queryable, s: Omit<SeriesRow, 'id'>): Promise<void> {
  await tx.query(
    `insert into booking_series (item_id, resource_id, requester_id, purpose, notes, horizon_days, booked_through)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (item_id, resource_id) do update set requester_id = excluded.requester_id,
         purpose = excluded.purpose, notes = excluded.notes, horizon_days = excluded.horizon_days,
         booked_through = greatest(booking_series.booked_through, excluded.booked_through),
         active = true, updated_at = now()`,
    [s.item_id, s.resource_id, s.requester_id, s.purpose, s.notes, s.horizon_days, s.booked_through],
  );
}

/**
 * The new series of a "this and following" split takes over the standing requests of the old
 * one, booked as far as they were: the horizon job books its later occurrences (the old series
 * now ends, so its own requests stop at their next run).
 */
export async function carrySeries(tx: Queryable, fromItemId: string, toItemId: string): Promise<void> {
  await tx.query(
    `insert into booking_series (item_id, resource_id, requester_id, purpose, notes, horizon_days, booked_through)
     select $2, resource_id, requester_id, purpose, notes, horizon_days, booked_through
       from booking_series where item_id = $1 and active
     on conflict (item_id, resource_id) do nothing`,
    [fromItemId, toItemId],
  );
}
