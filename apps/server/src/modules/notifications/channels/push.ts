import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { ChannelSettings } from '../../../config';
import type { Queryable } from '../../../db/client';
import { storedSecret } from '../../../db/settings';
import { type Channel, type OutgoingMessage, PermanentSendError, type PushTarget } from '../channel';
import { deletePushTargets } from './push.repository';

export type VapidKeys = { publicKey: string; privateKey: string };

/**
 * The server's VAPID key pair (RFC 8292): from `KALENDARYO_VAPID_*`, or generated once and kept in
 * `settings`, so every app server and every restart signs with the same key the browsers know.
 */
export async function vapidKeys(db: Queryable, configured: VapidKeys | undefined): Promise<VapidKeys> {
  if (configured) return configured;
  const stored = await storedSecret(db, 'push.vapid_keys', () => JSON.stringify(webpush.generateVAPIDKeys()));
  const keys = JSON.parse(stored) as VapidKeys;
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

export interface PushOptions {
  /** The HTTPS agent for the push services (a private CA in tests). */
  agent?: Agent;
}

const TIMEOUT_MS = 10_000;
/** Push services keep at most ~4 KB per message; the body is cut well before that. */
const MAX_BODY = 1000;
const DAY_S = 86_400;

/** What the service worker receives and shows (`title`, `body`, and `link` to open on a click). */
export function pushPayload(message: OutgoingMessage): string {
  const body = message.body.length > MAX_BODY ? `${message.body.slice(0, MAX_BODY - 1)}…` : message.body;
  return JSON.stringify({
    id: message.notificationId,
    type: message.type,
    title: message.title,
    body,
    link: message.link,
  });
}

type Outcome = 'sent' | 'expired' | { error: unknown };

/**
 * The web push channel: the payload encrypted per RFC 8291 (aes128gcm) for each of the person's
 * browsers and signed with VAPID, by web-push. A browser the push service no longer knows (404,
 * 410) is reported back in `expiredPushTargets` for the worker to delete.
 */
export function pushChannel(
  settings: Pick<ChannelSettings, 'vapid' | 'vapidSubject'>,
  db: Queryable,
  options: PushOptions = {},
  subjectFallback = 'mailto:noreply@kalendaryo.invalid',
): Channel {
  let keys: Promise<VapidKeys> | undefined;
  const loadKeys = () => {
    keys ??= vapidKeys(db, settings.vapid).catch((e: unknown) => {
      keys = undefined;
      throw e;
    });
    return keys;
  };
  const subject = settings.vapidSubject ?? subjectFallback;

  const sendOne = async (target: PushTarget, payload: string, message: OutgoingMessage): Promise<Outcome> => {
    const vapid = await loadKeys();
    try {
      await webpush.sendNotification({ endpoint: target.endpoint, keys: target.keys }, payload, {
        vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        contentEncoding: 'aes128gcm',
        TTL: message.type === 'reminder' ? 2 * 3600 : DAY_S,
        urgency: message.type === 'reminder' ? 'high' : 'normal',
        // A retried send replaces the copy the push service still holds instead of adding one (RFC 8030 §5.4).
        topic: message.notificationId.replaceAll('-', ''),
        timeout: TIMEOUT_MS,
        ...(options.agent ? { agent: options.agent } : {}),
      });
      return 'sent';
    } catch (e) {
      const status = (e as { statusCode?: unknown }).statusCode;
      if (status === 404 || status === 410) return 'expired';
      return { error: e };
    }
  };

  return {
    name: 'push',
    // Keys are made on first use, so push needs no settings to work.
    configured: true,
    async send(message) {
      if (message.pushTargets.length === 0)
        throw new PermanentSendError('The recipient has no browser subscribed to push');
      const payload = pushPayload(message);
      const outcomes = await Promise.all(message.pushTargets.map((t) => sendOne(t, payload, message)));
      const expired = message.pushTargets.filter((_, i) => outcomes[i] === 'expired').map((t) => t.id);
      if (outcomes.includes('sent')) return expired.length > 0 ? { expiredPushTargets: expired } : undefined;
      // Browsers that took it are not sent it again for the sake of one that failed.
      const failure = outcomes.find((o): o is { error: unknown } => typeof o === 'object');
      if (failure) throw classified(failure.error);
      // Every browser is gone: nothing will ever receive this, so forget them and fail the delivery.
      await deletePushTargets(db, expired);
      throw new PermanentSendError('Every push subscription of the recipient has expired');
    },
    async health() {
      return 'ok';
    },
  };
}

/** A push service's refusal (4xx but 408/429: a key mismatch, a bad request) will not change on retry. */
function classified(e: unknown): Error {
  const status = (e as { statusCode?: unknown }).statusCode;
  const body = String((e as { body?: unknown }).body ?? '').slice(0, 200);
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new PermanentSendError(`The push service answered ${status}${body ? `: ${body}` : ''}`);
  return e instanceof Error ? e : new Error(String(e));
}
