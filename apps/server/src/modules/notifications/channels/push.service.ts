import { ECDH } from 'node:crypto';
import type { PushSubscriptionBody } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db } from '../../../db/client';
import type { Actor } from '../../deps';
import { type VapidKeys, vapidKeys } from './push';
import * as repo from './push.repository';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function invalid(field: string, message: string): AppError {
  return new AppError('push.subscription_invalid', message, [{ field, message, code: 'invalid' }]);
}

/** Hosts that are not a public push service: IP literals and local names. */
const PRIVATE_HOST = /^(\[.*\]|\d+\.\d+\.\d+\.\d+|localhost|.*\.(localhost|local|internal|lan|home\.arpa))$/i;

/**
 * The keys RFC 8291 needs: `p256dh` an uncompressed P-256 point (65 bytes, on the curve) and
 * `auth` a 16-byte secret, both base64url; the endpoint a push service's https address.
 */
function checkSubscription(body: PushSubscriptionBody, privateEndpoints: boolean) {
  const endpoint = new URL(body.endpoint);
  if (endpoint.protocol !== 'https:')
    throw invalid('endpoint', 'A push endpoint is an https:// address of a push service.');
  // The server POSTs to the endpoint: without this, anyone signed in could aim it inside the network.
  if (!privateEndpoints && PRIVATE_HOST.test(endpoint.hostname))
    throw invalid(
      'endpoint',
      'A push endpoint is a push service on the internet, not an address or a local name.',
    );
  const p256dh = BASE64URL.test(body.keys.p256dh) ? Buffer.from(body.keys.p256dh, 'base64url') : undefined;
  if (p256dh?.length !== 65 || p256dh[0] !== 4)
    throw invalid('keys.p256dh', 'keys.p256dh must be an uncompressed P-256 public key in base64url.');
  try {
    ECDH.convertKey(p256dh, 'prime256v1');
  } catch {
    throw invalid('keys.p256dh', 'keys.p256dh is not a point on the P-256 curve.');
  }
  const auth = BASE64URL.test(body.keys.auth) ? Buffer.from(body.keys.auth, 'base64url') : undefined;
  if (auth?.length !== 16) throw invalid('keys.auth', 'keys.auth must be 16 bytes in base64url.');
}

/** Registers the signed-in person's browser for push (the same endpoint again updates it). */
export async function subscribe(
  deps: { db: Db; privateEndpoints: boolean },
  actor: Actor,
  body: PushSubscriptionBody,
  userAgent: string | undefined,
): Promise<{ id: string }> {
  checkSubscription(body, deps.privateEndpoints);
  const id = await repo.upsertPushSubscription(deps.db, actor.userId, {
    endpoint: body.endpoint,
    keys: body.keys,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { id };
}

/** Removes one of the signed-in person's subscriptions; someone else's is "not found". */
export async function unsubscribe(deps: { db: Db }, actor: Actor, id: string): Promise<void> {
  if (!(await repo.deletePushSubscription(deps.db, actor.userId, id)))
    throw new AppError('request.not_found', 'You have no push subscription with this id.');
}

/** The public VAPID key browsers subscribe with (`applicationServerKey`). */
export async function vapidPublicKey(deps: { db: Db; vapid: VapidKeys | undefined }) {
  return { publicKey: (await vapidKeys(deps.db, deps.vapid)).publicKey };
}
