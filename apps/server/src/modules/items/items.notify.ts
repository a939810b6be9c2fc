import { APPROVER_ROLES } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { type NotificationInput, notify } from '../notifications';
import { type IcalPerson, icalData, partstatOf } from './items.ical';
import {
  type ItemState,
  itemCancelledMessage,
  itemChangedMessage,
  leaveDecidedMessage,
  leaveRequestedMessage,
  type MessageText,
  stateOf,
  taskAssignedMessage,
} from './items.messages';
import { findActiveIdsByRole, findAudience, findPeople } from './items.notify.repository';
import { type ExceptionRow, findExceptions, findItem, type ItemRow } from './items.repository';
import { officeWall } from './when';

// Item messages, written into the outbox in the transaction of the change (see notifications).
// Nobody is told of their own action. Keys carry the item's version after the change, so a
// second real change is a second message while a retried request changes nothing and says nothing.

/** The organiser and participants of an item, as an iTIP part names them and as recipients. */
export async function audienceOf(
  db: Queryable,
  row: Pick<ItemRow, 'id' | 'organizer_id'>,
  occurrence: string,
) {
  const participants = await findAudience(db, row.id, occurrence);
  const org = row.organizer_id ? (await findPeople(db, [row.organizer_id])).get(row.organizer_id) : undefined;
  const recipients = new Set(participants.filter((p) => p.user_id && p.active).map((p) => p.user_id!));
  if (org?.active) recipients.add(org.id);
  return {
    organizer: org ? ({ name: org.name, email: org.email } satisfies IcalPerson) : null,
    attendees: participants.flatMap((p) =>
      p.email ? [{ name: p.name, email: p.email, partstat: partstatOf(p.rsvp) }] : [],
    ),
    recipients: [...recipients],
  };
}

/** One message to each recipient but the actor. */
const each = (
  recipients: Iterable<string>,
  actor: Pick<Actor, 'userId'> | null,
  base: Omit<NotificationInput, 'recipientId'>,
): NotificationInput[] =>
  [...new Set(recipients)]
    .filter((r) => r !== actor?.userId)
    .map((recipientId) => ({ ...base, recipientId }));

const input = (
  type: NotificationInput['type'],
  text: MessageText,
  extra: Pick<NotificationInput, 'itemId' | 'occurrence' | 'key'> & { ical?: unknown },
): Omit<NotificationInput, 'recipientId'> => {
  const { ical, ...rest } = extra;
  return { type, ...text, data: ical ? { ...text.data, ical } : text.data, ...rest };
};

export interface ItemUpdate {
  /** Whose participants are told: the edited item (for a split, the series that was split). */
  audience: ItemRow;
  before: ItemState;
  after: ItemState;
  /** The item holding `after` as it is now (UID, SEQUENCE, version). */
  afterRow: ItemRow;
}

/**
 * `item.changed` (time, place, title, status) or, when the change cancels the item or the
 * occurrence, `item.cancelled`, to the organiser and participants but the actor.
 */
export async function notifyItemUpdate(tx: Queryable, actor: Actor, u: ItemUpdate): Promise<void> {
  const cancelled = u.after.status === 'cancelled' && u.before.status !== 'cancelled';
  const text = cancelled
    ? itemCancelledMessage(u.before, actor.name)
    : itemChangedMessage(u.before, u.after, actor.name);
  if (!text) return;
  const people = await audienceOf(tx, u.audience, u.after.occurrence ?? '');
  const ical = icalData(u.afterRow, cancelled ? u.before : u.after, {
    method: cancelled ? 'CANCEL' : 'REQUEST',
    organizer: people.organizer,
    attendees: people.attendees,
  });
  await notify(
    tx,
    each(
      people.recipients,
      actor,
      input(cancelled ? 'item.cancelled' : 'item.changed', text, {
        itemId: u.afterRow.id,
        occurrence: u.after.occurrence,
        key: `v${u.afterRow.version}`,
        ical,
      }),
    ),
  );
}

/**
 * `item.cancelled` for a deletion: the whole item (call it before the row goes, while its
 * participants are still there), one occurrence (`rid`), or `rid` and every later one.
 */
export async function notifyItemRemoved(
  tx: Queryable,
  actor: Actor,
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  removed: { rid: string | null; thisAndFuture: boolean },
): Promise<void> {
  const state = stateOf(row, exceptions, removed.rid);
  // Already cancelled (a retried request, or deleting what was cancelled): people were told then.
  if (state.status === 'cancelled' && !removed.thisAndFuture) return;
  const people = await audienceOf(tx, row, removed.rid ?? '');
  const ical = icalData({ ...row, sequence: row.sequence + 1 }, state, {
    method: 'CANCEL',
    organizer: people.organizer,
    attendees: people.attendees,
    thisAndFuture: removed.thisAndFuture,
  });
  const text = itemCancelledMessage(state, actor.name, removed.thisAndFuture);
  await notify(
    tx,
    each(
      people.recipients,
      actor,
      input('item.cancelled', text, {
        itemId: row.id,
        occurrence: removed.rid,
        key: `v${row.version + 1}`,
        ical,
      }),
    ),
  );
}

/** `task.assigned` to the new assignee of a task (`row` as it is after the change). */
export async function notifyTaskAssigned(tx: Queryable, actor: Actor, row: ItemRow): Promise<void> {
  const assignee = row.details?.assignee_id;
  if (typeof assignee !== 'string' || assignee === actor.userId) return;
  const dueAt = row.details?.due_at;
  const due =
    typeof dueAt === 'string'
      ? { local: officeWall(Date.parse(dueAt)), instant: new Date(dueAt).toISOString() }
      : null;
  const text = taskAssignedMessage(stateOf(row), actor.name, due);
  await notify(
    tx,
    each([assignee], actor, input('task.assigned', text, { itemId: row.id, key: `v${row.version}` })),
  );
}

/** `leave.requested` to everyone who may decide the leave (coordinators, administrators) but its requester. */
export async function notifyLeaveRequested(
  tx: Queryable,
  actor: Actor,
  row: ItemRow,
  reopened: boolean,
): Promise<void> {
  const requester = row.organizer_id
    ? (await findPeople(tx, [row.organizer_id])).get(row.organizer_id)
    : undefined;
  const approvers = (await findActiveIdsByRole(tx, APPROVER_ROLES)).filter((id) => id !== row.organizer_id);
  const text = leaveRequestedMessage(
    stateOf(row),
    requester?.name ?? actor.name,
    row.details?.leave_type,
    reopened,
  );
  await notify(
    tx,
    each(approvers, actor, input('leave.requested', text, { itemId: row.id, key: `v${row.version}` })),
  );
}

/** `leave.decided` to the requester, unless they decided it themself (a cancellation). */
export async function notifyLeaveDecided(
  tx: Queryable,
  actor: Actor,
  row: ItemRow,
  decision: 'approved' | 'rejected' | 'cancelled',
  reason: string | null,
): Promise<void> {
  if (!row.organizer_id) return;
  const text = leaveDecidedMessage(stateOf(row), decision, actor.name, reason, row.details?.leave_type);
  await notify(
    tx,
    each(
      [row.organizer_id],
      actor,
      input('leave.decided', text, { itemId: row.id, key: `${decision}:v${row.version}` }),
    ),
  );
}

/** A rule without its end (COUNT, UNTIL): a split shortens the rule without changing how it repeats. */
const ruleShape = (rrule: string | null) =>
  rrule
    ?.split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/.test(p))
    .join(';') ?? null;

/**
 * Tells of an edit, in its transaction: `row` and `exceptions` as they were, `target` the item
 * that holds the edited occurrences now (a new series after a split), `rid` the occurrence of a
 * "this" or "future" edit. Also tells a task's new assignee.
 */
export async function announceUpdate(
  tx: Queryable,
  actor: Actor,
  e: { row: ItemRow; exceptions: readonly ExceptionRow[]; target: string; scope: string; rid: string | null },
): Promise<void> {
  const afterRow = await findItem(tx, e.target);
  if (!afterRow) return;
  let before = stateOf(e.row);
  let after = stateOf(afterRow);
  if (e.scope === 'this' && e.rid) {
    before = stateOf(e.row, e.exceptions, e.rid);
    after = stateOf(afterRow, await findExceptions(tx, [e.target]), e.rid);
  } else if (e.target !== e.row.id && e.rid) {
    const split = stateOf(e.row, e.exceptions, e.rid);
    const sameRule = ruleShape(e.row.rrule) === ruleShape(afterRow.rrule);
    before = { ...split, occurrence: null, rrule: sameRule ? afterRow.rrule : e.row.rrule };
  }
  await notifyItemUpdate(tx, actor, { audience: e.row, before, after, afterRow });
  if (afterRow.kind === 'task' && afterRow.details?.assignee_id !== e.row.details?.assignee_id)
    await notifyTaskAssigned(tx, actor, afterRow);
}

/** Tells of a new item: leave to those who decide it, a task to its assignee. */
export async function announceCreate(tx: Queryable, actor: Actor, id: string): Promise<void> {
  const row = await findItem(tx, id);
  if (row?.kind === 'leave') await notifyLeaveRequested(tx, actor, row, false);
  if (row?.kind === 'task') await notifyTaskAssigned(tx, actor, row);
}
