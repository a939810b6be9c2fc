import type { AddParticipantBody, Participant, PreparationNeeds, RsvpStatus } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta } from '../deps';
import { type ItemAccess, itemAccess, occurrenceKey, seesNeeds } from './participants.access';
import { notifyInvited, notifyRsvp } from './participants.notify';
import * as repo from './participants.repository';

export interface ParticipantDeps {
  db: Db;
}

/** Participants of an item with RSVP counts for `occurrence` (the specific answer overrides "all"). */
export async function listParticipants(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  occurrence: string | undefined,
) {
  const access = await itemAccess(deps.db, actor, itemId, 'view');
  const key = await occurrenceKey(deps.db, access.row, occurrence, true);
  const rows = await repo.listParticipants(deps.db, itemId);
  const shown = await privateFields(deps.db, actor, access);
  const counts = { going: 0, maybe: 0, declined: 0, noResponse: 0 };
  for (const p of rows) {
    const s = repo.effectiveRsvp(p, key);
    counts[s ?? 'noResponse'] += 1;
  }
  return { items: rows.map((p) => shown(repo.presentParticipant(p))), nextCursor: null, counts };
}

/**
 * A participant as `actor` may see them: contact details and preparation needs (which may be about
 * health) only for the organiser, those the organiser names, and the person themself; not for
 * everyone who manages or sees the item, coordinators and administrators included.
 */
async function privateFields(db: Queryable, actor: Actor, access: ItemAccess) {
  const all = await seesNeeds(db, actor, access);
  return (p: Participant): Participant =>
    all || (p.userId !== null && p.userId === actor.userId)
      ? p
      : { ...p, email: null, phone: null, needs: {} };
}

/** Invites a user or a guest; a user already invited is 409 `participant.duplicate`. */
export async function addParticipant(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  body: AddParticipantBody,
  meta: RequestMeta,
): Promise<Participant> {
  return deps.db.transaction(async (tx) => {
    const access = await itemAccess(tx, actor, itemId, 'manage');
    if ('userId' in body) {
      if (!(await repo.isActiveUser(tx, body.userId)))
        throw new AppError('user.not_found', 'No active user has that id.');
    }
    const id = await repo.insertParticipant(tx, {
      itemId,
      ...('userId' in body ? { userId: body.userId } : { guest: body.guest }),
      ...(body.needs ? { needs: body.needs } : {}),
    });
    if (!id) throw new AppError('participant.duplicate', 'This user is already a participant of the item.');
    if ('userId' in body) await notifyInvited(tx, actor, access.row, body.userId, id);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'participant.add',
      entityType: 'item',
      entityId: itemId,
      ip: meta.ip,
      data: { participantId: id },
    });
    const shown = await privateFields(tx, actor, access);
    return shown(repo.presentParticipant((await repo.findParticipant(tx, itemId, id))!));
  });
}

export async function removeParticipant(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  participantId: string,
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await itemAccess(tx, actor, itemId, 'manage');
    if (!(await repo.deleteParticipant(tx, itemId, participantId)))
      throw new AppError('participant.not_found');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'participant.remove',
      entityType: 'item',
      entityId: itemId,
      ip: meta.ip,
      data: { participantId },
    });
  });
}

/** Preparation needs: editable by the participant themself and by those who see them (the organiser, those named). */
export async function updateNeeds(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  participantId: string,
  needs: PreparationNeeds,
): Promise<Participant> {
  return deps.db.transaction(async (tx) => {
    const access = await itemAccess(tx, actor, itemId, 'view');
    const p = await repo.findParticipant(tx, itemId, participantId);
    if (!p) throw new AppError('participant.not_found');
    if (p.user_id !== actor.userId && !(access.manage && (await seesNeeds(tx, actor, access))))
      throw new AppError('auth.forbidden', 'Only the participant or the organiser may change these needs.');
    await repo.updateNeeds(tx, participantId, needs);
    return repo.presentParticipant((await repo.findParticipant(tx, itemId, participantId))!);
  });
}

/** The signed-in participant's answer, for one occurrence or (without one) for all of them. */
export async function rsvp(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  body: { status: RsvpStatus; occurrence?: string | undefined },
  now: number,
) {
  const { row, self } = await itemAccess(deps.db, actor, itemId, 'view');
  if (!self) throw new AppError('attendance.not_invited', 'Only participants answer an invitation.');
  const key = await occurrenceKey(deps.db, row, body.occurrence, true);
  const saved = await deps.db.transaction(async (tx) => {
    // The participant row is locked so that of two identical answers at once, one sees the other's.
    const current = await repo.lockParticipant(tx, self.id);
    const written = await repo.upsertRsvp(tx, self.id, key, body.status, new Date(now));
    if (current && repo.effectiveRsvp(current, key) !== body.status)
      await notifyRsvp(tx, actor, row, key, body.status, written.responded_at);
    return written;
  });
  return {
    participantId: self.id,
    occurrence: key,
    status: body.status,
    respondedAt: saved.responded_at.toISOString(),
  };
}

/** Whether walk-ins may check in (anyone who may view the item); who sees needs (the organiser). */
export async function getAttendanceSettings(deps: ParticipantDeps, actor: Actor, itemId: string) {
  const access = await itemAccess(deps.db, actor, itemId, 'view');
  return {
    allowWalkIns: await repo.allowWalkIns(deps.db, itemId),
    ...(access.organiser ? { needsViewers: await repo.needsViewers(deps.db, itemId) } : {}),
  };
}

/**
 * Walk-ins (those who manage the item); who besides the organiser sees participants' needs and
 * contacts (only the organiser names them; unknown or inactive users are 404 `user.not_found`).
 */
export async function setAttendanceSettings(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  body: { allowWalkIns?: boolean | undefined; needsViewers?: string[] | undefined },
) {
  return deps.db.transaction(async (tx) => {
    const access = await itemAccess(tx, actor, itemId, 'manage');
    if (body.needsViewers !== undefined) {
      if (!access.organiser)
        throw new AppError('auth.forbidden', 'Only the organiser names who sees participants’ needs.');
      const wanted = new Set(body.needsViewers);
      if ((await repo.countActiveUsers(tx, [...wanted])) !== wanted.size)
        throw new AppError('user.not_found', 'Every name in needsViewers must be an active user.', [
          { field: 'needsViewers', message: 'names an unknown user' },
        ]);
      await repo.setNeedsViewers(tx, itemId, [...wanted]);
    }
    if (body.allowWalkIns !== undefined) await repo.setAllowWalkIns(tx, itemId, body.allowWalkIns);
    return {
      allowWalkIns: await repo.allowWalkIns(tx, itemId),
      ...(access.organiser ? { needsViewers: await repo.needsViewers(tx, itemId) } : {}),
    };
  });
}

/**
 * The participation of `userId` in an item, adding them as a walk-in when they are not invited
 * and the organiser allows walk-ins; undefined otherwise.
 */
export async function participantOrWalkIn(db: Queryable, itemId: string, userId: string) {
  const found = await repo.findParticipantByUser(db, itemId, userId);
  if (found || !(await repo.allowWalkIns(db, itemId))) return found;
  await repo.insertParticipant(db, { itemId, userId, walkIn: true });
  return repo.findParticipantByUser(db, itemId, userId);
}
