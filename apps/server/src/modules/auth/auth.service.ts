import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Config } from '../../config';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import {
  assertStrongPassword,
  burnVerification,
  findUserByEmail,
  findUserById,
  hashPassword,
  needsRehash,
  presentUser,
  setPasswordHash,
  touchSignIn,
  verifyPassword,
} from '../users';
import { deviceTokenUser, issueDeviceToken } from './device';
import {
  findLiveSession,
  insertSession,
  revokeSession,
  revokeUserSessions,
  type SessionKind,
  type SessionWithUser,
} from './sessions.repository';
import {
  clearAttempts,
  pruneAttempts,
  refundAttempt,
  type ThrottlePolicy,
  takeAttempt,
} from './throttle.repository';

/**
 * Per account (or per known device of it): 5 attempts, then waits of 10 s, 20 s, 40 s… up to
 * 15 min between attempts; the count starts again only after an hour without attempts.
 */
export const accountPolicy: ThrottlePolicy = {
  freeAttempts: 5,
  firstDelaySeconds: 10,
  maxDelaySeconds: 900,
  windowMinutes: 60,
  reset: 'idle',
};
/** Per address (an office behind one router signs in from one address): failures only, 15-minute windows. */
export const addressPolicy: ThrottlePolicy = {
  freeAttempts: 25,
  firstDelaySeconds: 10,
  maxDelaySeconds: 900,
  windowMinutes: 15,
  reset: 'fixed',
};

/** SHA-256 of a session secret: what the database keeps instead of the secret. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** The live session a presented token belongs to, or undefined. */
export async function authenticate(
  deps: Pick<ServiceDeps, 'db'> & { config: Pick<Config, 'sessionIdleHours' | 'tokenIdleDays'> },
  token: string,
): Promise<SessionWithUser | undefined> {
  if (token.length < 10 || token.length > 200) return undefined;
  return findLiveSession(deps.db, hashToken(token), {
    cookieSeconds: deps.config.sessionIdleHours * 3600,
    bearerSeconds: deps.config.tokenIdleDays * 86_400,
  });
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  csrfToken: string | null;
  user: User;
  /** The known-device token to keep for later sign-ins (see `device.ts`). */
  deviceToken: string;
}

async function openSession(deps: ServiceDeps, userId: string, kind: SessionKind, meta: RequestMeta) {
  const token = newSecret(kind === 'bearer' ? 'kal' : 'kals');
  const csrfToken = kind === 'cookie' ? randomBytes(24).toString('base64url') : null;
  const s = await insertSession(deps.db, {
    userId,
    tokenHash: hashToken(token),
    kind,
    csrfToken,
    days: kind === 'bearer' ? deps.config.tokenDays : deps.config.sessionDays,
    ip: meta.ip,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
  });
  return { token, csrfToken, expiresAt: s.expires_at.toISOString() };
}

const tooMany = (wait: number) =>
  new AppError(
    'auth.too_many_attempts',
    `Too many sign-in attempts; try again in ${wait} seconds.`,
    undefined,
    {
      retryAfterSeconds: wait,
    },
  );

/**
 * Checks email and password and opens a session (cookie) or an API token (bearer). Each attempt
 * is counted per address and per account before the password is checked; past the free ones each
 * further attempt must wait longer. A known device of the account (a token from an earlier
 * sign-in, ASVS V2.2.1) is counted on its own instead of with the account, so strangers' guesses
 * cannot lock its owner out.
 * Unknown emails, inactive users and wrong passwords get the same answer, equally slowly.
 */
export async function signIn(
  deps: ServiceDeps,
  input: { email: string; password: string; kind: SessionKind; deviceToken?: string | undefined },
  meta: RequestMeta,
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const addressKey = `ip:${meta.ip}`;
  const addressWait = await takeAttempt(deps.db, addressKey, addressPolicy);
  if (addressWait > 0) throw tooMany(addressWait);
  const user = await findUserByEmail(deps.db, email);
  const knownDevice = !!user && (await deviceTokenUser(deps.db, input.deviceToken)) === user.id;
  // A known device has a count of its own instead of the account's: a stolen device cookie buys
  // no more guesses than the account would allow, and strangers' guesses do not lock it.
  const accountKey = knownDevice ? `dev:${hashToken(input.deviceToken!).slice(0, 32)}` : `acct:${email}`;
  const accountWait = await takeAttempt(deps.db, accountKey, accountPolicy);
  if (accountWait > 0) throw tooMany(accountWait);
  let ok = false;
  if (user?.active) ok = await verifyPassword(input.password, user.password_hash);
  else await burnVerification(deps.config.passwordCost);
  if (!user || !ok) {
    // Now and then (about one failure in a hundred) the stale counts are swept away.
    if (Math.random() < 0.01) await pruneAttempts(deps.db);
    await recordAudit(deps.db, {
      actorId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      ip: meta.ip,
      data: { email },
    });
    throw new AppError('auth.invalid_credentials', 'Email or password is wrong.');
  }
  await refundAttempt(deps.db, addressKey, addressPolicy);
  // From a known device only its own count is cleared: whoever else is guessing keeps their wait.
  await clearAttempts(deps.db, accountKey);
  if (needsRehash(user.password_hash, deps.config.passwordCost)) {
    await setPasswordHash(deps.db, user.id, await hashPassword(input.password, deps.config.passwordCost));
  }
  const session = await openSession(deps, user.id, input.kind, meta);
  await touchSignIn(deps.db, user.id);
  await recordAudit(deps.db, {
    actorId: user.id,
    action: 'auth.sign_in',
    entityType: 'user',
    entityId: user.id,
    ip: meta.ip,
    data: { kind: input.kind, knownDevice },
  });
  const fresh = await findUserById(deps.db, user.id);
  return {
    ...session,
    user: presentUser(fresh ?? user),
    deviceToken: await issueDeviceToken(deps.db, user.id),
  };
}

/** Opens a cookie session for a user who just proved who they are (first-run set-up). */
export async function openCookieSession(
  deps: ServiceDeps,
  userId: string,
  meta: RequestMeta,
): Promise<SignedIn> {
  const session = await openSession(deps, userId, 'cookie', meta);
  await touchSignIn(deps.db, userId);
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError('user.not_found');
  return { ...session, user: presentUser(user), deviceToken: await issueDeviceToken(deps.db, userId) };
}

/** Ends the session or token the actor is using. */
export async function signOut(deps: Pick<ServiceDeps, 'db'>, actor: Actor, meta: RequestMeta): Promise<void> {
  await revokeSession(deps.db, actor.sessionId);
  await recordAudit(deps.db, {
    actorId: actor.userId,
    action: 'auth.sign_out',
    entityType: 'user',
    entityId: actor.userId,
    ip: meta.ip,
  });
}

/** Changes the actor's password and signs out every other session and token of theirs. */
export async function changePassword(
  deps: ServiceDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('auth.wrong_password', 'The current password is wrong.', [
      { field: 'currentPassword', message: 'is wrong' },
    ]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('auth.weak_password', 'Choose a password different from the current one.', [
      { field: 'newPassword', message: 'must differ from the current password' },
    ]);
  }
  await assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword, deps.config.passwordCost);
  await deps.db.transaction(async (tx) => {
    await setPasswordHash(tx, actor.userId, passwordHash);
    await revokeUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: actor.userId,
      ip: meta.ip,
    });
  });
}
