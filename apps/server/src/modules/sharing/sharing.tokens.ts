import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { storedSecret } from '../../db/settings';

/** A new secret: 256 random bits, URL-safe (RFC 4648 §5), 43 characters. */
export const newToken = () => randomBytes(32).toString('base64url');

/** What is stored of a token: its SHA-256, so the table alone opens nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens are 43 base64url characters; anything else cannot be one and is not looked up. */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

let addressKey: Promise<string> | undefined;
let keyOf: Queryable | undefined;

/**
 * An address as the access log keeps it: HMAC-SHA256 under a key generated once into `settings`,
 * so the same address gives the same hash (managers see repeated visits) but the log does not
 * give the address back, not even by trying all IPv4 addresses without the key.
 */
export async function hashAddress(db: Queryable, address: string): Promise<string> {
  if (!addressKey || keyOf !== db) {
    keyOf = db;
    addressKey = storedSecret(db, 'share_link_address_key', () => randomBytes(32).toString('base64url'));
  }
  return createHmac('sha256', await addressKey)
    .update(address)
    .digest('hex')
    .slice(0, 16);
}
