import type { CalendarPermission } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { findUserById } from '../users';
import * as repo from './calendars.repository';

const rank: Record<CalendarPermission, number> = { view: 1, edit: 2, manage: 3 };

/** True when `have` includes `need` (manage ⊃ edit ⊃ view). */
export const permits = (have: CalendarPermission | null, need: CalendarPermission) =>
  have !== null && rank[have] >= rank[need];

/**
 * Loads a calendar the actor may `need`: one they cannot even view is 404 (its existence does
 * not leak); one they can view but not `need` is 403.
 */
export async function requireCalendar(
  db: Queryable,
  actor: Actor,
  calendarId: string,
  need: CalendarPermission,
) {
  const cal = await repo.findCalendarFor(db, actor.userId, actor.role, calendarId);
  if (!cal || cal.permission === null) throw new AppError('calendar.not_found');
  if (!permits(cal.permission, need)) {
    throw new AppError('auth.forbidden', `You need ${need} permission on the calendar “${cal.name}”.`);
  }
  return cal as repo.CalendarRow & { permission: CalendarPermission };
}

export async function listCalendars(deps: Pick<ServiceDeps, 'db'>, actor: Actor) {
  await repo.personalCalendarId(deps.db, actor.userId);
  return (await repo.visibleCalendars(deps.db, actor.userId, actor.role)).map(repo.presentCalendar);
}

export async function getCalendar(deps: Pick<ServiceDeps, 'db'>, actor: Actor, id: string) {
  return repo.presentCalendar(await requireCalendar(deps.db, actor, id, 'view'));
}

/** Creates a shared calendar (coordinators and administrators), owned by its creator. */
export async function createCalendar(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  body: { name: string; color?: string | undefined; description?: string | null | undefined },
  meta: RequestMeta,
) {
  return deps.db.transaction((tx) => createCalendarIn(tx, actor, body, meta));
}

/** `createCalendar` inside the caller's transaction (a subscription creates its calendar with itself). */
export async function createCalendarIn(
  tx: Queryable,
  actor: Actor,
  body: { name: string; color?: string | undefined; description?: string | null | undefined },
  meta: RequestMeta,
) {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new AppError('auth.forbidden', 'Only coordinators and administrators create shared calendars.');
  }
  const row = await repo.insertCalendar(tx, { ...body, ownerId: actor.userId });
  await recordAudit(tx, {
    actorId: actor.userId,
    action: 'calendar.created',
    entityType: 'calendar',
    entityId: row.id,
    ip: meta.ip,
  });
  return repo.presentCalendar({ ...row, permission: 'manage' });
}

export async function updateCalendar(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  body: { name?: string | undefined; color?: string | undefined; description?: string | null | undefined },
) {
  await requireCalendar(deps.db, actor, id, 'manage');
  await repo.updateCalendar(deps.db, id, body);
  return getCalendar(deps, actor, id);
}

export async function deleteCalendar(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  meta: RequestMeta,
) {
  const cal = await requireCalendar(deps.db, actor, id, 'manage');
  if (cal.kind === 'personal') throw new AppError('calendar.personal_not_deletable');
  await deps.db.transaction(async (tx) => {
    await repo.deleteCalendar(tx, id);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.deleted',
      entityType: 'calendar',
      entityId: id,
      ip: meta.ip,
      data: { name: cal.name },
    });
  });
}

export async function listMembers(deps: Pick<ServiceDeps, 'db'>, actor: Actor, id: string) {
  await requireCalendar(deps.db, actor, id, 'view');
  return repo.listMembers(deps.db, id);
}

/** Shares a calendar with a user at a permission (managers only). */
export async function setMember(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  userId: string,
  permission: CalendarPermission,
  meta: RequestMeta,
) {
  const cal = await requireCalendar(deps.db, actor, id, 'manage');
  if (cal.owner_id === userId) throw new AppError('calendar.owner_membership');
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError('user.not_found');
  await deps.db.transaction(async (tx) => {
    await repo.setMember(tx, id, userId, permission);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.shared',
      entityType: 'calendar',
      entityId: id,
      ip: meta.ip,
      data: { userId, permission },
    });
  });
  return repo.listMembers(deps.db, id);
}

export async function removeMember(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  userId: string,
  meta: RequestMeta,
) {
  await requireCalendar(deps.db, actor, id, 'manage');
  await deps.db.transaction(async (tx) => {
    await repo.removeMember(tx, id, userId);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.unshared',
      entityType: 'calendar',
      entityId: id,
      ip: meta.ip,
      data: { userId },
    });
  });
}
