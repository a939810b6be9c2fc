import type { CheckInMethod } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';

export interface AttendanceRow {
  participant_id: string;
  occurrence: string;
  status: 'checked_in' | 'checked_out';
  method: CheckInMethod;
  checked_in_at: Date;
  checked_out_at: Date | null;
}

const ATTENDANCE = rowColumns<AttendanceRow>()('attendance', [
  'participant_id',
  'occurrence',
  'status',
  'method',
  'checked_in_at',
  'checked_out_at',
]);
const COLUMNS = ATTENDANCE.list();

export async function findAttendance(
  db: Queryable,
  participantId: string,
  occurrence: string,
): Promise<AttendanceRow | undefined> {
  const r = await db.query<AttendanceRow>(
    `select ${COLUMNS} from attendance where participant_id = $1 and occurrence = $2`,
    [participantId, occurrence],
  );
  return r.rows[0];
}

/** Inserts a check-in; undefined when the participant already has a row for the occurrence. */
export async function insertCheckIn(
  db: Queryable,
  a: { participantId: string; occurrence: string; method: CheckInMethod; at: Date; by: string },
): Promise<AttendanceRow | undefined> {
  const r = await db.query<AttendanceRow>(
    `insert into attendance (participant_id, occurrence, status, method, checked_in_at, recorded_by)
     values ($1, $2, 'checked_in', $3, $4, $5) on conflict (participant_id, occurrence) do nothing returning ${COLUMNS}`,
    [a.participantId, a.occurrence, a.method, a.at, a.by],
  );
  return r.rows[0];
}

/** checked_in → checked_out, guarded in SQL; undefined when the row is not checked in. */
export async function markCheckedOut(
  db: Queryable,
  participantId: string,
  occurrence: string,
  method: CheckInMethod,
  at: Date,
): Promise<AttendanceRow | undefined> {
  const r = await db.query<AttendanceRow>(
    `update attendance set status = 'checked_out', checked_out_at = greatest($3::timestamptz, checked_in_at),
        check_out_method = $4
      where participant_id = $1 and occurrence = $2 and status = 'checked_in' returning ${COLUMNS}`,
    [participantId, occurrence, at, method],
  );
  return r.rows[0];
}

/** Attendance of every participant of an item for one occurrence key. */
export async function attendanceOfItem(db: Queryable, itemId: string, occurrence: string) {
  const r = await db.query<AttendanceRow>(
    `select ${ATTENDANCE.list('a')} from attendance a join participants p on p.id = a.participant_id
      where p.item_id = $1 and a.occurrence = $2`,
    [itemId, occurrence],
  );
  return r.rows;
}

export interface SummaryItem {
  id: string;
  kind: string;
  community_id: string | null;
  community: string | null;
  dtstart: string;
  time_zone: string | null;
  all_day: boolean;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  participants: number;
}

const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;

// What the summary reads of items, their communities and participants.
columnsOf('items', [
  'id',
  'kind',
  'community_id',
  'dtstart',
  'time_zone',
  'all_day',
  'rrule',
  'exdates',
  'rdates',
  'start_at',
  'series_end_at',
]);
columnsOf('communities', ['id', 'name']);
columnsOf('participants', ['id', 'item_id']);
columnsOf('settings', ['key', 'value']);

/** Items with participants whose span meets [from, to), with their community and participant count. */
export async function summaryItems(db: Queryable, from: Date, to: Date): Promise<SummaryItem[]> {
  const r = await db.query<SummaryItem>(
    `select i.id, i.kind, i.community_id, c.name as community, to_char(i.dtstart, ${LOCAL}) as dtstart,
            i.time_zone, i.all_day, i.rrule,
            array(select to_char(d, ${LOCAL}) from unnest(i.exdates) d) as exdates,
            array(select to_char(d, ${LOCAL}) from unnest(i.rdates) d) as rdates,
            (select count(*)::int from participants p where p.item_id = i.id) as participants
       from items i left join communities c on c.id = i.community_id
      where i.start_at < $2 and coalesce(i.series_end_at, 'infinity'::timestamptz) >= $1
        and exists (select 1 from participants p where p.item_id = i.id)`,
    [from, to],
  );
  return r.rows;
}

/** How many participants checked in, per item and occurrence key. */
export async function attendedCounts(db: Queryable, itemIds: readonly string[]) {
  const r = await db.query<{ item_id: string; occurrence: string; n: number }>(
    `select p.item_id, a.occurrence, count(*)::int as n from attendance a
       join participants p on p.id = a.participant_id where p.item_id = any($1::uuid[])
      group by p.item_id, a.occurrence`,
    [itemIds],
  );
  return r.rows;
}

const SIGNING_KEY = 'attendance_hmac_key';

/**
 * The key that signs check-in codes, kept in `settings`: `fresh` when none was stored yet. Two
 * servers storing at once: the first insert wins and both read it back.
 */
export async function storedSigningKey(db: Queryable, fresh: string): Promise<string> {
  await db.query(
    `insert into settings (key, value) values ($1, to_jsonb($2::text)) on conflict (key) do nothing`,
    [SIGNING_KEY, fresh],
  );
  const r = await db.query<{ value: string }>('select value from settings where key = $1', [SIGNING_KEY]);
  return r.rows[0]!.value;
}
