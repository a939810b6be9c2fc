import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit';
import type { ItemFollowers } from '../items';
import { carryParticipants, copyAttendanceSettings, splitFollowers } from './participants.repository';

/**
 * Participants follow a "this and following" split (handed to the items service as one of its
 * `ItemFollowers`, since items cannot import participants): everyone invited to the series is
 * invited to the new one with a new participant row and a new badge, keeping their answer for
 * the whole series; answers and attendance for occurrences from the split on go with those
 * occurrences, earlier ones stay with the old series, and the attendance settings are copied.
 */
export function participantFollowers(): ItemFollowers {
  return {
    async itemsMoved(tx, actor, moves, _opts, meta) {
      for (const m of moves) {
        if (!m.toItemId || m.toItemId === m.itemId || !m.fromOccurrence || m.removed) continue;
        const olds = await splitFollowers(tx, m.itemId, m.fromOccurrence);
        const pairs = olds.map((from) => ({ from, to: randomUUID() }));
        if (pairs.length)
          await carryParticipants(tx, pairs, m.toItemId, m.fromOccurrence, m.shiftSeconds ?? 0);
        await copyAttendanceSettings(tx, m.itemId, m.toItemId);
        if (!pairs.length) continue;
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'participant.carried',
          entityType: 'item',
          entityId: m.toItemId,
          ip: meta.ip,
          data: { fromItemId: m.itemId, occurrence: m.fromOccurrence, participants: pairs },
        });
      }
    },
  };
}
