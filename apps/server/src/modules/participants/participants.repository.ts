import { randomBytes } from 'node:crypto';
import type { Participant, PreparationNeeds, RsvpStatus } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

export interface ParticipantRow {
  id: string;
  item_id: string;
  user_id: string | null;
  name: string;
  email: string | null;
  organisation: string | null;
  phone: string | null;
  walk_in: boolean;
  needs: PreparationNeeds;
  code_nonce: string;
  created_at: Date;
  rsvps: { occurrence: string; status: RsvpStatus; responded_at: string }[];
}

// Read by COLUMNS and the queries below.
columnsOf('participants', [
  'id',
  'item_id',
  'user_id',
  'guest_name',
  'guest_email',
  'guest_organisation',
  'guest_phone',
  'walk_in',
  'needs',
  'code_nonce',
  'created_at',
]);
columnsOf('users', ['id', 'name', 'email', 'active']);
columnsOf('rsvps', ['participant_id', 'occurrence', 'status', 'responded_at']);
columnsOf('item_attendance_settings', ['item_id', 'allow_walk_ins', 'needs_viewers']);

const COLUMNS = `p.id, p.item_id, p.user_id, coalesce(u.name, p.guest_name) as name,
  coalesce(u.email, p.guest_email) as email, p.guest_organisation as organisation, p.guest_phone as phone,
  p.walk_in, p.needs, p.code_nonce, p.created_at,
  coalesce((select jsonb_agg(jsonb_build_object('occurrence', r.occurrence, 'status', r.status,
      'responded_at', to_char(r.responded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      order by r.occurrence) from rsvps r where r.participant_id = p.id), '[]'::jsonb) as rsvps`;
const FROM = 'from participants p left join users u on u.id = p.user_id';

/** A new personal-code nonce. */
export const newNonce = () => randomBytes(9).toString('base64url');

export async function listParticipants(db: Queryable, itemId: string): Promise<ParticipantRow[]> {
  const r = await db.query<ParticipantRow>(
    `select ${COLUMNS} ${FROM} where p.item_id = $1 order by lower(coalesce(u.name, p.guest_name)), p.id`,
    [itemId],
  );
  return r.rows;
}

export async function findParticipant(
  db: Queryable,
  itemId: string,
  id: string,
): Promise<ParticipantRow | undefined> {
  const r = await db.query<ParticipantRow>(`select ${COLUMNS} ${FROM} where p.item_id = $1 and p.id = $2`, [
    itemId,
    id,
  ]);
  return r.rows[0];
}

export async function findParticipantByUser(
  db: Queryable,
  itemId: string,
  userId: string,
): Promise<ParticipantRow | undefined> {
  const r = await db.query<ParticipantRow>(
    `select ${COLUMNS} ${FROM} where p.item_id = $1 and p.user_id = $2`,
    [itemId, userId],
  );
  return r.rows[0];
}

/** A participant with their answers, locked to the end of the caller's transaction. */
export async function lockParticipant(db: Queryable, id: string): Promise<ParticipantRow | undefined> {
  const r = await db.query<ParticipantRow>(`select ${COLUMNS} ${FROM} where p.id = $1 for update of p`, [id]);
  return r.rows[0];
}

export interface NewParticipant {
  itemId: string;
  userId?: string;
  guest?: { name: string; organisation?: string | null; email?: string | null; phone?: string | null };
  walkIn?: boolean;
  needs?: PreparationNeeds;
}

/** Inserts a participant; a user already on the item returns undefined (on conflict do nothing). */
export async function insertParticipant(db: Queryable, p: NewParticipant): Promise<string | undefined> {
  const r = await db.query<{ id: string }>(
    `insert into participants (item_id, user_id, guest_name, guest_organisation, guest_email, guest_phone,
       walk_in, needs, code_nonce)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (item_id, user_id) where user_id is not null do nothing
     returning id`,
    [
      p.itemId,
      p.userId ?? null,
      p.guest?.name ?? null,
      p.guest?.organisation ?? null,
      p.guest?.email ?? null,
      p.guest?.phone ?? null,
      p.walkIn ?? false,
      JSON.stringify(p.needs ?? {}),
      newNonce(),
    ],
  );
  return r.rows[0]?.id;
}

/** Whether `userId` names an active account (only those are invited by id). */
export async function isActiveUser(db: Queryable, userId: string): Promise<boolean> {
  return (await db.query('select 1 from users where id = $1 and active', [userId])).rowCount > 0;
}

export async function deleteParticipant(db: Queryable, itemId: string, id: string): Promise<boolean> {
  const r = await db.query('delete from participants where item_id = $1 and id = $2', [itemId, id]);
  return r.rowCount > 0;
}

/** Merges the given needs into the stored ones (null clears one). */
export async function updateNeeds(db: Queryable, id: string, needs: PreparationNeeds): Promise<void> {
  await db.query(`update participants set needs = jsonb_strip_nulls(needs || $2::jsonb) where id = $1`, [
    id,
    JSON.stringify(needs),
  ]);
}

/** Records an answer for one occurrence key ('' = all), keeping the time of the latest answer. */
export async function upsertRsvp(
  db: Queryable,
  participantId: string,
  occurrence: string,
  status: RsvpStatus,
  at: Date,
): Promise<{ responded_at: Date }> {
  const r = await db.query<{ responded_at: Date }>(
    `insert into rsvps (participant_id, occurrence, status, responded_at) values ($1, $2, $3, $4)
     on conflict (participant_id, occurrence) do update set status = excluded.status, responded_at = excluded.responded_at
     returning responded_at`,
    [participantId, occurrence, status, at],
  );
  return r.rows[0]!;
}

export async function allowWalkIns(db: Queryable, itemId: string): Promise<boolean> {
  const r = await db.query<{ allow_walk_ins: boolean }>(
    'select allow_walk_ins from item_attendance_settings where item_id = $1',
    [itemId],
  );
  return r.rows[0]?.allow_walk_ins ?? false;
}

export async function setAllowWalkIns(db: Queryable, itemId: string, allow: boolean): Promise<void> {
  await db.query(
    `insert into item_attendance_settings (item_id, allow_walk_ins) values ($1, $2)
     on conflict (item_id) do update set allow_walk_ins = excluded.allow_walk_ins`,
    [itemId, allow],
  );
}

/** The users, besides the organiser and each participant themself, who see needs and contacts. */
export async function needsViewers(db: Queryable, itemId: string): Promise<string[]> {
  const r = await db.query<{ needs_viewers: string[] }>(
    'select needs_viewers from item_attendance_settings where item_id = $1',
    [itemId],
  );
  return r.rows[0]?.needs_viewers ?? [];
}

export async function setNeedsViewers(
  db: Queryable,
  itemId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.query(
    `insert into item_attendance_settings (item_id, needs_viewers) values ($1, $2::uuid[])
     on conflict (item_id) do update set needs_viewers = excluded.needs_viewers`,
    [itemId, [...new Set(userIds)]],
  );
}

/** How many of `userIds` name active accounts. */
export async function countActiveUsers(db: Queryable, userIds: readonly string[]): Promise<number> {
  const r = await db.query<{ n: number }>(
    'select count(*)::int as n from users where id = any($1::uuid[]) and active',
    [[...new Set(userIds)]],
  );
  return r.rows[0]!.n;
}

/** The answer that counts for `occurrence`: its own, else the one for all occurrences. */
export function effectiveRsvp(p: Pick<ParticipantRow, 'rsvps'>, occurrence: string): RsvpStatus | null {
  return (
    p.rsvps.find((r) => r.occurrence === occurrence)?.status ??
    p.rsvps.find((r) => r.occurrence === '')?.status ??
    null
  );
}

export const presentParticipant = (p: ParticipantRow): Participant => ({
  id: p.id,
  itemId: p.item_id,
  userId: p.user_id,
  name: p.name,
  email: p.email,
  organisation: p.organisation,
  phone: p.phone,
  guest: p.user_id === null,
  walkIn: p.walk_in,
  needs: p.needs,
  rsvps: p.rsvps.map((r) => ({ occurrence: r.occurrence, status: r.status, respondedAt: r.responded_at })),
  createdAt: p.created_at.toISOString(),
});
