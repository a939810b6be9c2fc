import type { RsvpStatus } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { type ItemRow, icalData, itemAudience, itemInvitedMessage, loadExceptions, stateOf } from '../items';
import { notify } from '../notifications';
import { rsvpUpdatedMessage } from './participants.messages';

// Participant messages, written in the transaction of the change. Nobody is told of their own act.

/** `item.invited` to a user just added to an item, with the invitation as an iTIP REQUEST. */
export async function notifyInvited(
  tx: Queryable,
  actor: Actor,
  row: ItemRow,
  userId: string,
  participantId: string,
): Promise<void> {
  if (userId === actor.userId) return;
  const state = stateOf(row);
  const people = await itemAudience(tx, row, '');
  const text = itemInvitedMessage(state, actor.name, people.organizer?.name ?? null);
  const ical = icalData(row, state, {
    method: 'REQUEST',
    organizer: people.organizer,
    attendees: people.attendees,
  });
  await notify(tx, [
    {
      recipientId: userId,
      type: 'item.invited',
      ...text,
      data: { ...text.data, ical },
      itemId: row.id,
      // A participant removed and invited again is a new participant: a new invitation.
      key: participantId,
    },
  ]);
}

/**
 * `rsvp.updated` to the organiser when a participant's answer for `occurrence` ('' for all)
 * changed; the caller only calls it when it did.
 */
export async function notifyRsvp(
  tx: Queryable,
  actor: Actor,
  row: ItemRow,
  occurrence: string,
  status: RsvpStatus,
  respondedAt: Date,
): Promise<void> {
  if (!row.organizer_id || row.organizer_id === actor.userId) return;
  const exceptions = occurrence ? await loadExceptions(tx, [row.id]) : [];
  const text = rsvpUpdatedMessage(stateOf(row, exceptions, occurrence || null), actor.name, status);
  await notify(tx, [
    {
      recipientId: row.organizer_id,
      type: 'rsvp.updated',
      ...text,
      itemId: row.id,
      occurrence: occurrence || null,
      key: `${actor.userId}:${status}:${respondedAt.getTime()}`,
    },
  ]);
}
