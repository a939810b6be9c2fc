import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import {
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
import {
  findLiveSession,
  insertSession,
  revokeSession,
  revokeUserSessions,
  type SessionKind,
  type SessionWithUser,
} from './sessions.repository';
import { blockedFor, clearFailures, recordFailure, type ThrottlePolicy } from './throttle.repository';

const accountPolicy: ThrottlePolicy = { freeFailures: 5, maxDelaySeconds: 900 };
const addressPolicy: ThrottlePolicy = { freeFailures: 25, maxDelaySeconds: 900 };

/** SHA-256 of a session secret: what the database keeps instead of the secret. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** The live session a presented token belongs to, or undefined. */
export async function authenticate(
  deps: Pick<ServiceDeps, 'db'>,
  token: string,
): Promise<SessionWithUser | undefined> {
  if (token.length < 10 || token.length > 200) return undefined;
  return findLiveSession(deps.db, hashToken(token));
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  csrfToken: string | null;
  user: User;
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

/**
 * Checks email and password and opens a session (cookie) or an API token (bearer).
 * Failures are counted per account and per address; past a few, each try must wait longer.
 */
export async function signIn(
  deps: ServiceDeps,
  input: { email: string; password: string; kind: SessionKind },
  meta: RequestMeta,
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const keys = [`acct:${email}`, `ip:${meta.ip}`];
  const wait = Math.max(...(await Promise.all(keys.map((k) => blockedFor(deps.db, k)))));
  if (wait > 0) {
    throw new AppError(
      'auth.too_many_attempts',
      `Too many failed sign-ins; try again in ${wait} seconds.`,
      undefined,
      {
        retryAfterSeconds: wait,
      },
    );
  }
  const user = await findUserByEmail(deps.db, email);
  let ok = false;
  if (user?.active) ok = await verifyPassword(input.password, user.password_hash);
  else await burnVerification(deps.config.passwordCost);
  if (!user || !ok) {
    await recordFailure(deps.db, keys[0]!, accountPolicy);
    await recordFailure(deps.db, keys[1]!, addressPolicy);
    await recordAudit(deps.db, {
      actorId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      ip: meta.ip,
      data: { email },
    });
    throw new AppError('auth.invalid_credentials', 'Email or password is wrong.');
  }
  await clearFailures(deps.db, keys[0]!);
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
    data: { kind: input.kind },
  });
  const fresh = await findUserById(deps.db, user.id);
  return { ...session, user: presentUser(fresh ?? user) };
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
  return { ...session, user: presentUser(user) };
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
