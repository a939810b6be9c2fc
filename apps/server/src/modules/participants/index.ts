/**
 * The participants module as other modules use it: access to an item for participant and
 * attendance work, occurrence keys and spans, the participants of an item, and how they follow
 * a split series (`participantFollowers`, handed to the items routes).
 */
export { type ItemAccess, itemAccess, occurrenceKey, occurrenceSpan, seesNeeds } from './participants.access';
export { participantFollowers } from './participants.follow';
export {
  addImportedGuests,
  allowWalkIns as walkInsAllowed,
  effectiveRsvp,
  findParticipant,
  findParticipantByUser,
  type ImportedGuest,
  listParticipants,
  type ParticipantRow,
  peopleOnItems,
} from './participants.repository';
export { type ParticipationFollowers, participantOrWalkIn } from './participants.service';
