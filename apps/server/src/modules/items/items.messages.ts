import type { LeaveType } from '@kalendaryo/contract';
import type { ExceptionRow, ItemRow } from './items.repository';
import { shiftLocal, wallDeltaSeconds } from './times';
import { dateOf, displayWall, instantOf, spanLabel, wallLabel } from './when';

// What item messages say: pure functions from an item's states before and after a change to the
// title, body, link and template data of a notification. Who receives them, and when, is the
// service's business (items.notify.ts).

/** Title, body, link and template fields of one message, before its recipient is known. */
export interface MessageText {
  title: string;
  body: string;
  /** Web path the link opens. */
  path: string;
  data: Record<string, unknown>;
}

/** An item, or one occurrence of a series, as messages describe it (stored wall times, item zone). */
export interface ItemState {
  itemId: string;
  kind: ItemRow['kind'];
  title: string;
  location: string | null;
  start: string;
  end: string;
  allDay: boolean;
  zone: string | null;
  status: 'tentative' | 'confirmed' | 'cancelled';
  rrule: string | null;
  /** The recurrence id when this is one occurrence of a series. */
  occurrence: string | null;
}

/** The state of an item, or of its occurrence `rid` with that occurrence's exception applied. */
export function stateOf(
  row: ItemRow,
  exceptions: readonly ExceptionRow[] = [],
  rid: string | null = null,
): ItemState {
  const base: ItemState = {
    itemId: row.id,
    kind: row.kind,
    title: row.title,
    location: row.location,
    start: row.dtstart,
    end: row.dtend,
    allDay: row.all_day,
    zone: row.time_zone,
    status: row.status,
    rrule: row.rrule,
    occurrence: null,
  };
  if (rid === null) return base;
  const x = exceptions.find((e) => e.item_id === row.id && e.recurrence_id === rid);
  const start = x?.dtstart ?? rid;
  return {
    ...base,
    title: x?.title ?? row.title,
    location: x?.location ?? row.location,
    start,
    end: x?.dtend ?? shiftLocal(start, wallDeltaSeconds(row.dtstart, row.dtend)),
    status: x?.cancelled || row.exdates.includes(rid) ? 'cancelled' : (x?.status ?? row.status),
    rrule: null,
    occurrence: rid,
  };
}

const MAX_TITLE = 48;
/** An item title short enough for a notification title, in quotes. */
export const quoted = (title: string) =>
  `“${title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1).trimEnd()}…` : title}”`;

/** When the item or occurrence takes place, in the office's zone: "Tue 8 Dec, 09:00–10:00". */
export const whenOf = (s: Pick<ItemState, 'start' | 'end' | 'allDay' | 'zone'>) =>
  spanLabel(displayWall(s.start, s.zone, s.allDay), displayWall(s.end, s.zone, s.allDay), s.allDay);

const startLabel = (s: ItemState) => wallLabel(displayWall(s.start, s.zone, s.allDay), s.allDay);

/** The calendar on the day of the item, with the item (and occurrence) selected. */
export function itemPath(s: Pick<ItemState, 'itemId' | 'start' | 'zone' | 'allDay' | 'occurrence'>): string {
  const q = new URLSearchParams({ item: s.itemId, date: dateOf(displayWall(s.start, s.zone, s.allDay)) });
  // As the calendar feed names occurrences: a date for all-day series.
  if (s.occurrence) q.set('occurrence', s.allDay ? s.occurrence.slice(0, 10) : s.occurrence);
  return `/calendar?${q}`;
}

/** An ISO instant of a timed item's wall time, the date of an all-day one (as the email templates show them). */
const timeOf = (local: string, s: Pick<ItemState, 'allDay' | 'zone'>) =>
  s.allDay ? local.slice(0, 10) : instantOf(local, s.zone);

/** The fields every item message gives its templates. */
const itemData = (s: ItemState) => ({
  itemTitle: s.title,
  when: whenOf(s),
  start: timeOf(s.start, s),
  end: timeOf(s.end, s),
  location: s.location,
  allDay: s.allDay,
});

/** What changed between two states, as sentences; empty when nothing a participant must know did. */
export function describeChange(before: ItemState, after: ItemState): string[] {
  const out: string[] = [];
  if (before.start !== after.start || before.end !== after.end || before.allDay !== after.allDay)
    out.push(`Moved from ${whenOf(before)} to ${whenOf(after)}.`);
  if ((before.rrule ?? '') !== (after.rrule ?? ''))
    out.push(
      after.rrule === null
        ? 'It no longer repeats.'
        : before.rrule === null
          ? 'It now repeats.'
          : 'It now repeats differently.',
    );
  if ((before.location ?? '') !== (after.location ?? ''))
    out.push(
      after.location
        ? `Now at ${after.location}${before.location ? ` (was ${before.location})` : ''}.`
        : `No longer at ${before.location}.`,
    );
  if (before.title !== after.title) out.push(`Renamed from ${quoted(before.title)}.`);
  if (before.status !== after.status) {
    if (before.status === 'cancelled') out.push('It is back on.');
    else if (after.status === 'tentative') out.push('It is now tentative.');
    else if (after.status === 'confirmed') out.push('It is now confirmed.');
  }
  return out;
}

/** The short headline of a change: the move, else the place, else the rest. */
function changeHeadline(before: ItemState, after: ItemState): string {
  const what = before.occurrence ? `${quoted(after.title)} on ${startLabel(before)}` : quoted(after.title);
  if (before.start !== after.start || before.allDay !== after.allDay)
    return `${what} moved to ${startLabel(after)}`;
  if (before.end !== after.end)
    return `${what} now ends ${wallLabel(displayWall(after.end, after.zone, after.allDay), after.allDay)}`;
  if ((before.location ?? '') !== (after.location ?? '') && after.location)
    return `${what} now at ${after.location}`;
  if (before.title !== after.title) return `${quoted(before.title)} is now ${quoted(after.title)}`;
  if (before.status === 'cancelled') return `${what} is back on`;
  return `${what} changed`;
}

/**
 * `item.changed`: the time, place, title or status of an item or one occurrence changed. Null
 * when nothing a participant must know changed (a description, a colour).
 */
export function itemChangedMessage(
  before: ItemState,
  after: ItemState,
  actorName: string,
): MessageText | null {
  const changes = describeChange(before, after);
  if (changes.length === 0) return null;
  return {
    title: changeHeadline(before, after),
    body: `${actorName} changed ${quoted(after.title)}${before.occurrence ? ` on ${startLabel(before)}` : ''}. ${changes.join(' ')}`,
    path: itemPath(after),
    data: { ...itemData(after), changes, previousWhen: whenOf(before), changedBy: actorName },
  };
}

/**
 * `item.cancelled`: an item, one occurrence (`before.occurrence`), or every occurrence from one
 * on (`fromOn`) is cancelled or deleted.
 */
export function itemCancelledMessage(before: ItemState, actorName: string, fromOn = false): MessageText {
  const what = before.occurrence
    ? `${quoted(before.title)} on ${startLabel(before)}${fromOn ? ' and after' : ''}`
    : quoted(before.title);
  const scope = fromOn
    ? `from ${startLabel(before)} on`
    : before.occurrence
      ? `on ${whenOf(before)}`
      : before.rrule
        ? '(every occurrence)'
        : `on ${whenOf(before)}`;
  return {
    title: `Cancelled: ${what}`,
    body: `${actorName} cancelled ${quoted(before.title)} ${scope}.`,
    // The calendar on its day: the item may be gone, the day still says what else is on.
    path: `/calendar?date=${dateOf(displayWall(before.start, before.zone, before.allDay))}`,
    data: { ...itemData(before), cancelledBy: actorName, fromOccurrenceOn: fromOn },
  };
}

/** `item.invited`: someone was added to an item's participants. */
export function itemInvitedMessage(
  item: ItemState,
  inviterName: string,
  organizerName: string | null,
): MessageText {
  const repeats = item.rrule ? ' (repeats)' : '';
  return {
    title: `Invitation: ${quoted(item.title)}, ${startLabel(item)}`,
    body: `${inviterName} invited you to ${quoted(item.title)} on ${whenOf(item)}${repeats}${item.location ? ` at ${item.location}` : ''}. Answer going, maybe or declined.`,
    path: itemPath(item),
    data: { ...itemData(item), invitedBy: inviterName, organizerName, repeats: item.rrule !== null },
  };
}

/** `task.assigned`: a task was given to someone. */
export function taskAssignedMessage(
  task: ItemState,
  byName: string,
  due: { local: string; instant: string } | null,
): MessageText {
  const dueText = due ? `, due ${wallLabel(due.local)}` : '';
  return {
    title: `Task for you: ${quoted(task.title)}`,
    body: `${byName} assigned you ${quoted(task.title)} on ${whenOf(task)}${dueText}.`,
    path: itemPath(task),
    data: { ...itemData(task), ...(due ? { start: due.instant } : {}), assignedByName: byName },
  };
}

const LEAVE_TYPES: Record<LeaveType, string> = {
  vacation: 'Vacation leave',
  sick: 'Sick leave',
  emergency: 'Emergency leave',
  maternity: 'Maternity leave',
  paternity: 'Paternity leave',
  special: 'Special leave',
  official: 'Official business',
  personal: 'Personal leave',
  other: 'Leave',
};
/** "Sick leave", from a leave type. */
export const leaveTypeLabel = (type: unknown) => LEAVE_TYPES[String(type) as LeaveType] ?? 'Leave';

/** `leave.requested`: someone asks for leave, or changed decided leave (`reopened`), to approvers. */
export function leaveRequestedMessage(
  leave: ItemState,
  requesterName: string,
  leaveType: unknown,
  reopened = false,
): MessageText {
  const label = leaveTypeLabel(leaveType).toLowerCase();
  return {
    title: `${reopened ? 'Changed leave' : 'Leave request'}: ${requesterName}, ${whenOf(leave)}`,
    body: reopened
      ? `${requesterName} changed their ${label} to ${whenOf(leave)}; it waits for a decision again.`
      : `${requesterName} asks for ${label} on ${whenOf(leave)}.`,
    path: '/leave/approvals',
    data: { ...itemData(leave), requesterName, leaveType: leaveTypeLabel(leaveType), reopened },
  };
}

/** `leave.decided`: a leave request was approved, rejected or cancelled by someone else. */
export function leaveDecidedMessage(
  leave: ItemState,
  decision: 'approved' | 'rejected' | 'cancelled',
  deciderName: string,
  reason: string | null,
  leaveType: unknown,
): MessageText {
  const label = leaveTypeLabel(leaveType);
  return {
    title: `${label} ${decision}: ${whenOf(leave)}`,
    body: `${deciderName} ${decision} your ${label.toLowerCase()} on ${whenOf(leave)}.${reason ? ` Reason: ${reason}` : ''}`,
    path: itemPath(leave),
    data: {
      ...itemData(leave),
      decision,
      decidedBy: deciderName,
      reason,
      leaveType: String(leaveType ?? 'other'),
    },
  };
}
