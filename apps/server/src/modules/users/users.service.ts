import type { CreateUserBody, ListUsersQuery, Role, User } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-policy';
import { assertCanManageUsers } from './users.policy';
import * as repo from './users.repository';

const duplicate = (email: string) =>
  new AppError('user.duplicate', `A user with the email ${email} already exists.`, [
    { field: 'email', message: 'is already taken' },
  ]);

/** Inserts a user inside `tx`, translating a taken email into `user.duplicate`. */
async function insertNew(tx: Queryable, body: CreateUserBody, passwordHash: string): Promise<repo.UserRow> {
  try {
    return await repo.insertUser(tx, { email: body.email, name: body.name, role: body.role, passwordHash });
  } catch (e) {
    if (sqlState(e) === '23505') throw duplicate(body.email);
    throw e;
  }
}

/** Creates a user: by an administrator, or by the system itself (`null`, the CLI). */
export async function createUser(
  deps: ServiceDeps,
  actor: Actor | null,
  body: CreateUserBody,
  meta: RequestMeta,
): Promise<User> {
  if (actor) assertCanManageUsers(actor);
  await assertStrongPassword(body.password, body);
  const passwordHash = await hashPassword(body.password, deps.config.passwordCost);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertNew(tx, body, passwordHash);
    await recordAudit(tx, {
      actorId: actor?.userId ?? null,
      action: 'user.created',
      entityType: 'user',
      entityId: created.id,
      ip: meta.ip,
      data: { email: created.email, role: created.role },
    });
    return created;
  });
  return repo.presentUser(row);
}

/** Creates the first administrator, only while no user exists; concurrent calls create one. */
export async function createFirstAdmin(
  deps: ServiceDeps,
  body: { email: string; name: string; password: string },
  meta: RequestMeta | null,
): Promise<User> {
  await assertStrongPassword(body.password, body);
  const passwordHash = await hashPassword(body.password, deps.config.passwordCost);
  const row = await deps.db.transaction(async (tx) => {
    await repo.lockFirstAdmin(tx);
    if ((await repo.countUsers(tx)) > 0)
      throw new AppError('setup.already_done', 'An administrator already exists; sign in instead.');
    const created = await insertNew(tx, { ...body, role: 'admin' }, passwordHash);
    await recordAudit(tx, {
      actorId: created.id,
      action: 'user.first_admin_created',
      entityType: 'user',
      entityId: created.id,
      ...(meta ? { ip: meta.ip } : {}),
    });
    return created;
  });
  return repo.presentUser(row);
}

/** True while Kalendaryo has no user at all (first run). */
export async function needsSetup(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  return (await repo.countUsers(deps.db)) === 0;
}

/** Users by name, filtered: for administrators, or for the system itself (`null`, the CLI). */
export async function listUsers(deps: Pick<ServiceDeps, 'db'>, actor: Actor | null, query: ListUsersQuery) {
  if (actor) assertCanManageUsers(actor);
  const page = await repo.listUsers(deps.db, query);
  return { items: page.items.map(repo.presentUser), nextCursor: page.nextCursor };
}

export async function getUser(deps: Pick<ServiceDeps, 'db'>, actor: Actor, id: string): Promise<User> {
  if (actor.userId !== id) assertCanManageUsers(actor);
  const row = await repo.findUserById(deps.db, id);
  if (!row) throw new AppError('user.not_found');
  return repo.presentUser(row);
}

/**
 * Changes a user's name, role or active state (administrators only). Deactivating revokes their
 * sessions and tokens in the same transaction, so they stop working at once. The last active
 * administrator can neither be demoted nor deactivated, and nobody deactivates themselves.
 */
export async function updateUser(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean },
  meta: RequestMeta,
): Promise<User> {
  assertCanManageUsers(actor);
  if (patch.active === false && id === actor.userId) {
    throw new AppError('user.cannot_deactivate_self', 'You cannot deactivate your own account.');
  }
  const row = await deps.db.transaction(async (tx) => {
    await repo.lockAdminCount(tx);
    const before = await repo.findUserById(tx, id);
    if (!before) throw new AppError('user.not_found');
    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'));
    if (losesAdmin && (await repo.countActiveAdmins(tx)) <= 1) {
      throw new AppError('user.last_admin', 'Kalendaryo needs at least one active administrator.');
    }
    // Deactivating revokes the user's sessions and tokens in the same statement.
    const after = (await repo.updateUser(tx, id, patch))!;
    const action =
      patch.active === false ? 'user.deactivated' : patch.active === true ? 'user.activated' : 'user.updated';
    await recordAudit(tx, {
      actorId: actor.userId,
      action,
      entityType: 'user',
      entityId: id,
      ip: meta.ip,
      data: { ...patch },
    });
    return after;
  });
  return repo.presentUser(row);
}

/** A user changes their own name, time zone or holiday display. */
export async function updateSelf(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  patch: { name?: string | undefined; timeZone?: string | undefined; showHolidays?: boolean | undefined },
): Promise<User> {
  const row = await repo.updatePreferences(deps.db, actor.userId, patch);
  if (!row) throw new AppError('user.not_found');
  return repo.presentUser(row);
}

/** Active colleagues any signed-in user may pick (name, email, role only). */
export async function listPeople(
  deps: Pick<ServiceDeps, 'db'>,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
) {
  const page = await repo.listUsers(deps.db, { ...query, status: 'active' });
  return {
    items: page.items.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role })),
    nextCursor: page.nextCursor,
  };
}

/** How many users there are (none: first run). */
export const countUsers = (db: Queryable): Promise<number> => repo.countUsers(db);

/** Replaces a user's password hash (a password change, or a rehash at a higher cost). */
export async function setPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await repo.updateUser(db, id, { passwordHash });
}
