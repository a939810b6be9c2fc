import type { AddParticipantBody, Participant, PreparationNeeds, RsvpStatus } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta } from '../deps';
import { itemAccess, occurrenceKey } from './participants.access';
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
  const { row, manage } = await itemAccess(deps.db, actor, itemId, 'view');
  const key = await occurrenceKey(deps.db, row, occurrence, true);
  const rows = await repo.listParticipants(deps.db, itemId);
  // Contact details and preparation needs (which may be about health) are for the organiser
  // and the person themself, not for everyone else on the list.
  const shown = (p: Participant): Participant =>
    manage || p.userId === actor.userId ? p : { ...p, email: null, phone: null, needs: {} };
  const counts = { going: 0, maybe: 0, declined: 0, noResponse: 0 };
  for (const p of rows) {
    const s = repo.effectiveRsvp(p, key);
    counts[s ?? 'noResponse'] += 1;
  }
  return { items: rows.map((p) => shown(repo.presentParticipant(p))), nextCursor: null, counts };
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
    await itemAccess(tx, actor, itemId, 'manage');
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
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'participant.add',
      entityType: 'item',
      entityId: itemId,
      ip: meta.ip,
      data: { participantId: id },
    });
    return repo.presentParticipant((await repo.findParticipant(tx, itemId, id))!);
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

/** Preparation needs: editable by the participant themself and by those who manage the item. */
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
    if (!access.manage && p.user_id !== actor.userId)
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
  const saved = await repo.upsertRsvp(deps.db, self.id, key, body.status, new Date(now));
  return {
    participantId: self.id,
    occurrence: key,
    status: body.status,
    respondedAt: saved.responded_at.toISOString(),
  };
}

/** Whether walk-ins may check in (anyone who may view the item may read it). */
export async function getAttendanceSettings(deps: ParticipantDeps, actor: Actor, itemId: string) {
  await itemAccess(deps.db, actor, itemId, 'view');
  return { allowWalkIns: await repo.allowWalkIns(deps.db, itemId) };
}

export async function setAttendanceSettings(
  deps: ParticipantDeps,
  actor: Actor,
  itemId: string,
  allowWalkIns: boolean,
) {
  await itemAccess(deps.db, actor, itemId, 'manage');
  await repo.setAllowWalkIns(deps.db, itemId, allowWalkIns);
  return { allowWalkIns };
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
