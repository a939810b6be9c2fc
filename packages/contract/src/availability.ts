import { z } from 'zod';
import { participantSchema } from './attendance';
import { INSTANT, itemSchema } from './items';

import { FREEBUSY_MAX_DAYS, FREEBUSY_MAX_USERS } from './values';

export { FREEBUSY_MAX_DAYS, FREEBUSY_MAX_USERS };

export const freeBusyQuery = z.object({
  users: z.string().max(4000).describe('Comma-separated user ids (at most 50)'),
  start: z.string().regex(INSTANT),
  end: z.string().regex(INSTANT).describe('At most 62 days after start'),
});
export type FreeBusyQuery = z.infer<typeof freeBusyQuery>;

/**
 * What a busy interval is: an item's kind (event, task, leave, …: the person organises it, is its
 * assignee, or said going/maybe to it), `holiday` (an office holiday) or `off_hours` (outside the
 * office's working days and hours). Holidays and off hours are not items and never conflicts.
 */
export const busyKindSchema = z.enum([
  'event',
  'engagement',
  'task',
  'assessment',
  'community_event',
  'leave',
  'holiday',
  'off_hours',
]);
export type BusyKind = z.infer<typeof busyKindSchema>;

export const busyIntervalSchema = z.object({
  userId: z.uuid(),
  start: z.string().describe('Instant (ISO 8601, UTC)'),
  end: z.string().describe('Instant (ISO 8601, UTC)'),
  kind: busyKindSchema,
  /** Pending leave, a "maybe" answer or a tentative item: perhaps busy. */
  tentative: z.boolean(),
  /** The item and its title: only for items the asker may read (a private one is just busy). */
  itemId: z.uuid().optional(),
  title: z.string().optional(),
  /** The occurrence of a series (its recurrence id, local start). */
  recurrenceId: z.string().optional(),
});
export type BusyInterval = z.infer<typeof busyIntervalSchema>;

export const freeBusyResponse = z.object({ busy: z.array(busyIntervalSchema) });
export type FreeBusy = z.infer<typeof freeBusyResponse>;

/** A person who is busy or on leave when an item takes place. Never a refusal: a warning. */
export const personConflictSchema = z.object({
  userId: z.uuid(),
  name: z.string().optional(),
  start: z.string(),
  end: z.string(),
  kind: z.enum(['busy', 'leave']),
  tentative: z.boolean(),
  /** The occurrence of the item (series) this conflict is with. */
  occurrence: z.string().optional(),
});
export type PersonConflict = z.infer<typeof personConflictSchema>;

/** A booking of the item's resources that is not (yet) approved. */
export const resourceConflictSchema = z.object({
  bookingId: z.uuid(),
  resourceId: z.uuid(),
  resourceName: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
});
export type ResourceConflict = z.infer<typeof resourceConflictSchema>;

export const conflictsQuery = z.object({
  occurrence: z.string().max(40).optional().describe('Recurrence id of one occurrence of a series'),
});

export const itemConflictsResponse = z.object({
  people: z.array(personConflictSchema),
  resources: z.array(resourceConflictSchema),
});
export type ItemConflicts = z.infer<typeof itemConflictsResponse>;

/** A created or changed item, with the people busy or on leave at its time (empty when none). */
export const itemWithConflictsSchema = itemSchema.extend({ conflicts: z.array(personConflictSchema) });
export type ItemWithConflicts = z.infer<typeof itemWithConflictsSchema>;

/** An invited participant, with the invited person's conflicts at the item's time. */
export const participantWithConflictsSchema = participantSchema.extend({
  conflicts: z.array(personConflictSchema),
});
export type ParticipantWithConflicts = z.infer<typeof participantWithConflictsSchema>;
