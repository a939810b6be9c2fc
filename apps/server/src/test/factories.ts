import { randomBytes } from 'node:crypto';
import type { Role, User } from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import type { Actor } from '../modules/deps';
import { hashPassword, presentUser } from '../modules/users';
import { insertUser } from '../modules/users/users.repository';

export const TEST_PASSWORD = 'correct horse battery';

let cheapHash: Promise<string> | undefined;

/** Inserts a user straight into the database (password TEST_PASSWORD unless given). */
export async function buildUser(
  db: Db,
  opts: { role?: Role; email?: string; name?: string; password?: string } = {},
): Promise<User> {
  const id = randomBytes(4).toString('hex');
  if (!opts.password) cheapHash ??= hashPassword(TEST_PASSWORD, 10);
  const passwordHash = opts.password ? await hashPassword(opts.password, 10) : await cheapHash!;
  const row = await insertUser(db, {
    email: opts.email ?? `user-${id}@oobc.example`,
    name: opts.name ?? `Test User ${id}`,
    role: opts.role ?? 'staff',
    passwordHash,
  });
  return presentUser(row);
}

/** Signs `user` in through the API and returns headers that carry its bearer token. */
export async function bearerFor(app: FastifyInstance, user: Pick<User, 'email'>, password = TEST_PASSWORD) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json().token as string}` };
}

/** A user of `role` with its bearer headers. */
export async function signedInUser(app: FastifyInstance, db: Db, role: Role = 'staff') {
  const user = await buildUser(db, { role });
  return { user, headers: await bearerFor(app, user) };
}

/** A signed-in test user: the user and its bearer headers. */
export type Who = Awaited<ReturnType<typeof signedInUser>>;

/** The service-level actor of a signed-in test user, for calling services directly. */
export const actorOf = (who: Who): Actor => ({
  userId: who.user.id,
  role: who.user.role,
  name: who.user.name,
  email: who.user.email,
  sessionId: 'test',
  via: 'bearer',
  csrfToken: null,
});

/** Signed-in users of the given roles, in order. */
export async function people<const R extends readonly Role[]>(
  t: { app: FastifyInstance; db: Db },
  roles: R,
): Promise<{ [K in keyof R]: Who }> {
  const out: Who[] = [];
  for (const role of roles) out.push(await signedInUser(t.app, t.db, role));
  return out as { [K in keyof R]: Who };
}
