import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { storedSecret } from '../../db/settings';

/**
 * "Known device" tokens (ASVS V2.2.1): a browser or client that once signed in as a user carries a
 * token signed by the server that names that user. Its sign-ins are counted per device instead of
 * with the account's, so a stranger hammering an account cannot keep its owner out; the
 * per-address limit still applies. It proves nothing by itself: the password is checked as always.
 */
export const DEVICE_COOKIE = 'kalendaryo_device';
export const DEVICE_TOKEN_DAYS = 180;

const SETTINGS_KEY = 'auth_device_key';
const keys = new WeakMap<Queryable, Promise<Buffer>>();

/** The signing key, generated on first use and kept in `settings` (shared by every app server). */
function deviceKey(db: Queryable): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = storedSecret(db, SETTINGS_KEY, () => randomBytes(32).toString('base64url')).then((v) =>
      Buffer.from(v, 'base64url'),
    );
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const mac = (key: Buffer, userId: string, issued: string) =>
  createHmac('sha256', key).update(`kalendaryo-device:v1:${userId}:${issued}`).digest();

/** A new known-device token for `userId`: `<user id>.<issued, base 36 seconds>.<HMAC>`. */
export async function issueDeviceToken(db: Queryable, userId: string, now = Date.now()): Promise<string> {
  const issued = Math.floor(now / 1000).toString(36);
  return `${userId}.${issued}.${mac(await deviceKey(db), userId, issued).toString('base64url')}`;
}

const TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

/** The user a known-device token was issued to, or undefined when it is forged, altered or too old. */
export async function deviceTokenUser(
  db: Queryable,
  token: string | undefined,
  now = Date.now(),
): Promise<string | undefined> {
  const m = token ? TOKEN.exec(token) : null;
  if (!m) return undefined;
  const [, userId, issued, sent] = m as unknown as [string, string, string, string];
  const ageSeconds = now / 1000 - Number.parseInt(issued, 36);
  if (!(ageSeconds >= -300 && ageSeconds <= DEVICE_TOKEN_DAYS * 86_400)) return undefined;
  const expected = mac(await deviceKey(db), userId, issued);
  const given = Buffer.from(sent, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
}
