import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const derive = (password: string, salt: Buffer, params: ScryptParams, keylen: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      keylen,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );

/** Hashes a password with scrypt (cost 2^`cost`, r=8, p=1; OWASP's minimum is 2^17). */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const params = { N: 2 ** cost, r: 8, p: 1 };
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, 32);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const parse = (hash: string): (ScryptParams & { salt: Buffer; key: Buffer }) | null => {
  const [alg, N, r, p, salt, key] = hash.split('$');
  if (alg !== 'scrypt' || !N || !r || !p || !salt || !key) return null;
  return {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64url'),
    key: Buffer.from(key, 'base64url'),
  };
};

/** True when `password` matches `hash`; constant-time in the comparison. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when `hash` was made with a lower cost than `cost` and should be upgraded at sign-in. */
export const needsRehash = (hash: string, cost: number): boolean => (parse(hash)?.N ?? 0) < 2 ** cost;

let dummy: Promise<string> | undefined;
/** Spends the time of one verification, so unknown accounts answer as slowly as known ones. */
export async function burnVerification(cost: number): Promise<void> {
  dummy ??= hashPassword('kalendaryo-dummy-password', cost);
  await verifyPassword('not-the-password', await dummy);
}
