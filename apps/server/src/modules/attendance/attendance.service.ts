import type { AttendanceState, CheckInMethod } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { type ItemRow, itemPermission, loadItemRow, masked } from '../items';
import {
  findParticipant,
  findParticipantByUser,
  itemAccess,
  occurrenceKey,
  occurrenceSpan,
  type ParticipantRow,
  participantOrWalkIn,
  walkInsAllowed,
} from '../participants';
import type { AttendanceRow } from './attendance.repository';
import * as repo from './attendance.repository';
import { type CodePayload, checkWindow, signCode, signingKey, verifySignature } from './attendance.token';

export interface AttendanceDeps {
  db: Db;
  /** KALENDARYO_ATTENDANCE_KEY; without it a key generated once is kept in the database. */
  attendanceKey?: string | undefined;
}

/** Codes are valid from this long before the occurrence starts until this long after it ends. */
export const WINDOW_MS = 2 * 3_600_000;
/** How old an offline scan may be when it reaches the server. */
export const MAX_SCAN_AGE_MS = 24 * 3_600_000;

const present = (
  itemId: string,
  p: { id: string; walk_in: boolean },
  occurrence: string,
  a: AttendanceRow | undefined,
): AttendanceState => ({
  participantId: p.id,
  itemId,
  occurrence,
  status: a?.status ?? 'not_checked_in',
  method: a?.method ?? null,
  checkedInAt: a?.checked_in_at.toISOString() ?? null,
  checkedOutAt: a?.checked_out_at?.toISOString() ?? null,
  walkIn: p.walk_in,
});

/**
 * not checked in → checked in. Concurrent identical check-ins meet on the primary key: one row,
 * and every caller gets that row back; checking in again after checking out is 409.
 */
export async function recordCheckIn(
  db: Queryable,
  participantId: string,
  occurrence: string,
  method: CheckInMethod,
  at: Date,
  by: string,
): Promise<AttendanceRow> {
  const row =
    (await repo.insertCheckIn(db, { participantId, occurrence, method, at, by })) ??
    (await repo.findAttendance(db, participantId, occurrence))!;
  if (row.status !== 'checked_in')
    throw new AppError('attendance.invalid_transition', 'This participant has already checked out.');
  return row;
}

/** checked in → checked out; again is the unchanged state; without a check-in it is 409. */
export async function recordCheckOut(
  db: Queryable,
  participantId: string,
  occurrence: string,
  method: CheckInMethod,
  at: Date,
): Promise<AttendanceRow> {
  const row =
    (await repo.markCheckedOut(db, participantId, occurrence, method, at)) ??
    (await repo.findAttendance(db, participantId, occurrence));
  if (!row) throw new AppError('attendance.invalid_transition', 'This participant has not checked in.');
  return row;
}

/**
 * Signs a code for `row` and occurrence `key`, valid 2 h before its start to 2 h after its end;
 * none for a cancelled event or occurrence (409 `attendance.cancelled`), which no code checks into.
 */
async function issue(deps: AttendanceDeps, row: ItemRow, key: string, extra: Partial<CodePayload>) {
  const { startMs, endMs, cancelled } = await occurrenceSpan(deps.db, row, key);
  if (cancelled) throw new AppError('attendance.cancelled', 'This event or occurrence is cancelled.');
  const payload: CodePayload = {
    v: 1,
    kind: extra.participantId ? 'personal' : 'event',
    itemId: row.id,
    occurrence: key,
    ...extra,
    nbf: Math.floor((startMs - WINDOW_MS) / 1000),
    exp: Math.ceil((endMs + WINDOW_MS) / 1000),
  };
  return {
    token: signCode(await signingKey(deps.db, deps.attendanceKey), payload),
    occurrence: key,
    notBefore: new Date(payload.nbf * 1000).toISOString(),
    expiresAt: new Date(payload.exp * 1000).toISOString(),
  };
}

/** The event's code that participants scan (organiser, coordinator, administrator). */
export async function eventCode(deps: AttendanceDeps, actor: Actor, itemId: string, occurrence?: string) {
  const { row } = await itemAccess(deps.db, actor, itemId, 'manage');
  return issue(deps, row, await occurrenceKey(deps.db, row, occurrence), {});
}

/** A participant's personal code (badge): for the participant and those who manage the item. */
export async function personalCode(
  deps: AttendanceDeps,
  actor: Actor,
  itemId: string,
  participantId: string,
  occurrence?: string,
) {
  const access = await itemAccess(deps.db, actor, itemId, 'view');
  const p = await findParticipant(deps.db, itemId, participantId);
  if (!p || (!access.manage && p.user_id !== actor.userId)) throw new AppError('participant.not_found');
  const key = await occurrenceKey(deps.db, access.row, occurrence);
  return issue(deps, access.row, key, { participantId: p.id, nonce: p.code_nonce });
}

export interface ScanInput {
  token: string;
  method?: 'qr_code' | 'nfc' | undefined;
  scannedAt?: string | undefined;
  itemId?: string | undefined;
}

/**
 * When an offline scan happened, as the organiser's scanner reports it: not in the future and at
 * most 24 h old; the occurrence's validity window is checked at that time afterwards.
 */
function offlineScanTime(scannedAt: string, now: number): number {
  const at = Date.parse(scannedAt);
  if (at > now + 60_000 || at < now - MAX_SCAN_AGE_MS)
    throw new AppError('request.invalid', 'scannedAt must lie within the last 24 hours.', [
      { field: 'scannedAt', message: 'is out of range' },
    ]);
  return Math.min(at, now);
}

/**
 * Verifies a scanned code and finds whom it checks in or out: for an event code the signed-in
 * user (added as a walk-in when the organiser allows it), for a personal code the badge's owner,
 * scanned by someone who manages the item. The code is valid around the occurrence as it stands
 * now (a moved occurrence from its new time, never at the old one), and never for a cancelled
 * occurrence or event. An offline scan's time (`scannedAt`) is trusted only from those who manage
 * the item scanning a badge; a self check-in with the event code is judged at the time it arrives.
 */
async function resolveScan(
  db: Queryable,
  attendanceKey: string | undefined,
  actor: Actor,
  input: ScanInput,
  now: number,
  walkIn: boolean,
) {
  const code = verifySignature(await signingKey(db, attendanceKey), input.token);
  if (input.itemId && input.itemId !== code.itemId)
    throw new AppError('attendance.wrong_event', 'This code belongs to another event.');
  const row = await loadItemRow(db, code.itemId);
  if (!row) throw new AppError('attendance.invalid_code', 'The event of this code no longer exists.');
  let badge: ParticipantRow | undefined;
  let at = now;
  if (code.kind === 'personal') {
    await itemAccess(db, actor, row.id, 'manage');
    badge = await findParticipant(db, row.id, code.participantId!);
    if (!badge || badge.code_nonce !== code.nonce)
      throw new AppError('attendance.invalid_code', 'This badge has been withdrawn.');
    if (input.scannedAt) at = offlineScanTime(input.scannedAt, now);
  }
  const span = await occurrenceSpan(db, row, code.occurrence);
  if (span.cancelled) throw new AppError('attendance.cancelled', 'This event or occurrence is cancelled.');
  checkWindow(span.startMs - WINDOW_MS, span.endMs + WINDOW_MS, at);
  const participant =
    badge ??
    (walkIn
      ? await participantOrWalkIn(db, row.id, actor.userId)
      : await findParticipantByUser(db, row.id, actor.userId));
  if (!participant) throw new AppError('attendance.not_invited', 'You are not a participant of this event.');
  return { row, participant, code, at };
}

/**
 * What a scanned event code would check the signed-in user into, before they confirm: the event's
 * title (for those who may read it, are invited, or may walk in) and the occurrence's current time.
 * Nothing is recorded.
 */
export async function previewCheckIn(deps: AttendanceDeps, actor: Actor, token: string) {
  const code = verifySignature(await signingKey(deps.db, deps.attendanceKey), token);
  const row = await loadItemRow(deps.db, code.itemId);
  if (!row) throw new AppError('attendance.invalid_code', 'The event of this code no longer exists.');
  const span = await occurrenceSpan(deps.db, row, code.occurrence);
  const permission = await itemPermission(deps.db, actor, row);
  const readable =
    (permission !== null && !masked(row, permission)) ||
    (await findParticipantByUser(deps.db, row.id, actor.userId)) !== undefined ||
    (code.kind === 'event' && (await walkInsAllowed(deps.db, row.id)));
  return {
    itemId: row.id,
    occurrence: code.occurrence,
    title: readable ? row.title : null,
    start: new Date(span.startMs).toISOString(),
    end: new Date(span.endMs).toISOString(),
    cancelled: span.cancelled,
  };
}

/** `POST /attendance/check-in`: idempotent; the same scan again returns the unchanged state. */
export async function checkIn(deps: AttendanceDeps, actor: Actor, input: ScanInput, now: number) {
  return deps.db.transaction(async (tx) => {
    const s = await resolveScan(tx, deps.attendanceKey, actor, input, now, true);
    const a = await recordCheckIn(
      tx,
      s.participant.id,
      s.code.occurrence,
      input.method ?? 'qr_code',
      new Date(s.at),
      actor.userId,
    );
    return present(s.row.id, s.participant, s.code.occurrence, a);
  });
}

export async function checkOut(deps: AttendanceDeps, actor: Actor, input: ScanInput, now: number) {
  return deps.db.transaction(async (tx) => {
    const s = await resolveScan(tx, deps.attendanceKey, actor, input, now, false);
    const a = await recordCheckOut(
      tx,
      s.participant.id,
      s.code.occurrence,
      input.method ?? 'qr_code',
      new Date(s.at),
    );
    return present(s.row.id, s.participant, s.code.occurrence, a);
  });
}

/** Manual check-in or check-out by those who manage the item. */
export async function manual(
  deps: AttendanceDeps,
  actor: Actor,
  itemId: string,
  participantId: string,
  action: 'check-in' | 'check-out',
  occurrence: string | undefined,
  now: number,
) {
  return deps.db.transaction(async (tx) => {
    const { row } = await itemAccess(tx, actor, itemId, 'manage');
    const p = await findParticipant(tx, itemId, participantId);
    if (!p) throw new AppError('participant.not_found');
    const key = await occurrenceKey(tx, row, occurrence);
    const a =
      action === 'check-in'
        ? await recordCheckIn(tx, p.id, key, 'manual', new Date(now), actor.userId)
        : await recordCheckOut(tx, p.id, key, 'manual', new Date(now));
    return present(itemId, p, key, a);
  });
}
