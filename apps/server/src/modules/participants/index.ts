/**
 * The participants module as other modules use it: access to an item for participant and
 * attendance work, occurrence keys and spans, and the participants of an item.
 */
export { type ItemAccess, itemAccess, occurrenceKey, occurrenceSpan, seesNeeds } from './participants.access';
export {
  allowWalkIns as walkInsAllowed,
  effectiveRsvp,
  findParticipant,
  findParticipantByUser,
  listParticipants,
  type ParticipantRow,
} from './participants.repository';
export { type ParticipationFollowers, participantOrWalkIn } from './participants.service';
