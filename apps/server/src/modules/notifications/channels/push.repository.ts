import type { Queryable } from '../../../db/client';
import { rowColumns } from '../../../db/columns';
import type { PushTarget } from '../channel';

interface PushRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

const PUSH = rowColumns<PushRow>()('push_subscriptions', ['id', 'user_id', 'endpoint', 'p256dh', 'auth']);

/**
 * Stores a browser's subscription for `userId`, one row per endpoint: a browser subscribing again
 * (new keys) or someone else signing in on it takes the row over. Returns its id.
 */
export async function upsertPushSubscription(
  q: Queryable,
  userId: string,
  s: { endpoint: string; keys: { p256dh: string; auth: string }; userAgent: string | null },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `insert into push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
     values ($1, $2, $3, $4, $5)
     on conflict (endpoint) do update
       set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
           user_agent = excluded.user_agent, updated_at = now()
     returning id`,
    [userId, s.endpoint, s.keys.p256dh, s.keys.auth, s.userAgent],
  );
  return r.rows[0]!.id;
}

/** Deletes one of `userId`'s subscriptions; false when they have none with that id. */
export async function deletePushSubscription(q: Queryable, userId: string, id: string): Promise<boolean> {
  const r = await q.query('delete from push_subscriptions where id = $1 and user_id = $2', [id, userId]);
  return r.rowCount > 0;
}

/** The push subscriptions of each of `userIds` (people without one are absent from the map). */
export async function pushTargetsOf(
  q: Queryable,
  userIds: readonly string[],
): Promise<Map<string, PushTarget[]>> {
  const targets = new Map<string, PushTarget[]>();
  if (userIds.length === 0) return targets;
  const r = await q.query<PushRow>(
    `select ${PUSH.list()} from push_subscriptions where user_id = any($1::uuid[]) order by created_at, id`,
    [userIds],
  );
  for (const row of r.rows) {
    const list = targets.get(row.user_id) ?? [];
    list.push({ id: row.id, endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } });
    targets.set(row.user_id, list);
  }
  return targets;
}

/** Deletes subscriptions the push service reported gone (404/410); returns how many. */
export async function deletePushTargets(q: Queryable, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await q.query('delete from push_subscriptions where id = any($1::uuid[])', [ids]);
  return r.rowCount;
}
