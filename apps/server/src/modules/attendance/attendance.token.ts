import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { storedSigningKey } from './attendance.repository';

/** What a check-in code says: signed by the server, bound to one item and occurrence. */
export interface CodePayload {
  v: 1;
  kind: 'event' | 'personal';
  itemId: string;
  /** '' for an item that does not repeat, else the recurrence id of the occurrence. */
  occurrence: string;
  /** Personal codes: whose badge it is, and the nonce that voids it when changed. */
  participantId?: string;
  nonce?: string;
  /** Valid from / until, in seconds since the epoch. */
  nbf: number;
  exp: number;
}

const keys = new WeakMap<Queryable, Promise<Buffer>>();

/**
 * The signing key: `configured` (KALENDARYO_ATTENDANCE_KEY, shared by every app server), or one
 * generated on first use and stored in `settings`, so codes survive restarts and work across app
 * servers.
 */
export function signingKey(db: Queryable, configured: string | undefined): Promise<Buffer> {
  if (configured) return Promise.resolve(Buffer.from(configured, 'utf8'));
  let key = keys.get(db);
  if (!key) {
    key = storedSigningKey(db, randomBytes(32).toString('base64url')).then((k) =>
      Buffer.from(k, 'base64url'),
    );
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/** `base64url(payload).base64url(HMAC-SHA256(key, base64url(payload)))`. */
export function signCode(key: Buffer, payload: CodePayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (detail = 'The code was not issued by this server or has been altered.') =>
  new AppError('attendance.invalid_code', detail);

function wellFormed(p: unknown): p is CodePayload {
  if (typeof p !== 'object' || p === null) return false;
  const c = p as Record<string, unknown>;
  return (
    c.v === 1 &&
    (c.kind === 'event' || c.kind === 'personal') &&
    typeof c.itemId === 'string' &&
    UUID.test(c.itemId) &&
    typeof c.occurrence === 'string' &&
    Number.isInteger(c.nbf) &&
    Number.isInteger(c.exp) &&
    (c.kind === 'event' ||
      (typeof c.participantId === 'string' && UUID.test(c.participantId) && typeof c.nonce === 'string'))
  );
}

/**
 * Verifies the signature (constant-time) and then the window at `nowMs`: an altered or foreign
 * code is `attendance.invalid_code`, one outside its window `code_expired`/`code_not_yet_valid`.
 */
export function verifyCode(key: Buffer, token: string, nowMs: number): CodePayload {
  const payload = verifySignature(key, token);
  checkWindow(payload.nbf * 1000, payload.exp * 1000, nowMs);
  return payload;
}

/** The payload of a code this server signed; an altered or foreign code is `attendance.invalid_code`. */
export function verifySignature(key: Buffer, token: string): CodePayload {
  const parts = token.trim().split('.');
  if (parts.length !== 2 || !B64URL.test(parts[0]!) || !B64URL.test(parts[1]!)) throw invalid();
  const [body, sig] = parts as [string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, body);
  // Re-encoding rejects non-canonical base64url spellings of the same bytes.
  if (
    given.length !== expected.length ||
    given.toString('base64url') !== sig ||
    !timingSafeEqual(given, expected)
  )
    throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!wellFormed(payload)) throw invalid();
  return payload;
}

/** 403 `code_expired`/`code_not_yet_valid` unless `atMs` lies in [fromMs, untilMs] (whole seconds). */
export function checkWindow(fromMs: number, untilMs: number, atMs: number): void {
  const at = Math.floor(atMs / 1000);
  if (at > Math.ceil(untilMs / 1000))
    throw new AppError(
      'attendance.code_expired',
      `The code was valid until ${new Date(untilMs).toISOString()}.`,
    );
  if (at < Math.floor(fromMs / 1000))
    throw new AppError(
      'attendance.code_not_yet_valid',
      `The code is valid from ${new Date(fromMs).toISOString()}.`,
    );
}
