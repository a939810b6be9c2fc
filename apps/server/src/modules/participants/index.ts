/**
 * The participants module as other modules use it: access to an item for participant and
 * attendance work, occurrence keys and spans, and the participants of an item.
 */
export { type ItemAccess, itemAccess, occurrenceKey, occurrenceSpan, seesNeeds } from './participants.access';
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
export { participantOrWalkIn } from './participants.service';
