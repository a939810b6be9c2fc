import type { Queryable } from '../../db/client';
import { ITEM_COLUMNS, ITEM_JOINS, type ItemRow } from './items.repository';

/** The viewer's zone and holiday setting, which the feed uses when the request does not say. */
export async function findViewerSettings(
  db: Queryable,
  userId: string,
): Promise<{ time_zone: string; show_holidays: boolean } | undefined> {
  const r = await db.query<{ time_zone: string; show_holidays: boolean }>(
    'select time_zone, show_holidays from users where id = $1',
    [userId],
  );
  return r.rows[0];
}

/** What the feed selects by, besides time: the viewer, their calendars and the filters. */
export interface FeedFilter {
  calendarIds: readonly string[];
  /** No calendar filter: public items and those the viewer is invited to are candidates too. */
  everything: boolean;
  userId: string;
  kinds?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  communityId?: string | undefined;
  /** Words to find in title, description or location. */
  text?: string | undefined;
  /**
   * The viewer approves leave: pending and approved leave of everyone is a candidate too, wherever
   * it was filed (without the rest of those calendars).
   */
  approver?: boolean | undefined;
  /**
   * The calendars whose private items the viewer reads in full (edit or manage). Text and
   * community filters match only what the viewer reads in full: a private item elsewhere shows
   * as Busy and matches nothing, so a search cannot recover it letter by letter.
   */
  fullCalendarIds: readonly string[];
}

/** Whether an item's span (first start to last end) may touch the window $2..$3, widened by a day for floating times. */
const SPAN = (
  t: string,
) => `tstzrange(${t}.start_at, coalesce(${t}.series_end_at, 'infinity'::timestamptz), '[]')
  && tstzrange($2::timestamptz - interval '1 day', $3::timestamptz + interval '1 day', '[)')`;

/**
 * The ids of the items that may have occurrences in the window, as a union of branches that
 * each use an index: the viewer's calendars ($1), and without a calendar filter also public
 * items and those the viewer ($4) is invited to; plus occurrences moved into the window.
 */
function candidates(everything: boolean, approver: boolean): string {
  const visible = everything
    ? `(i.calendar_id = any($1::uuid[]) or i.visibility = 'public'
        or exists (select 1 from participants p where p.item_id = i.id and p.user_id = $4::uuid))`
    : `(i.calendar_id = any($1::uuid[]) and $4::uuid is not null)`;
  const branches = [`select i.id from items i where i.calendar_id = any($1::uuid[]) and ${SPAN('i')}`];
  if (everything) {
    branches.push(
      `select i.id from items i where i.visibility = 'public' and ${SPAN('i')}`,
      `select i.id from participants p join items i on i.id = p.item_id where p.user_id = $4::uuid and ${SPAN('i')}`,
    );
    if (approver)
      branches.push(`select i.id from items i join leave_details l on l.item_id = i.id
         where i.kind = 'leave' and l.approval_status in ('pending', 'approved') and ${SPAN('i')}`);
  }
  branches.push(`select i.id from item_exceptions x join items i on i.id = x.item_id
     where x.dtstart is not null and x.dtstart < ($3::timestamptz at time zone 'UTC') + interval '2 days'
       and x.dtend > ($2::timestamptz at time zone 'UTC') - interval '2 days' and ${visible}`);
  return `candidates as (${branches.join('\n union ')})`;
}

/** The items (series, not occurrences) that may have occurrences in [fromMs, toMs) for the filter. */
export async function findFeedItems(
  db: Queryable,
  fromMs: number,
  toMs: number,
  f: FeedFilter,
): Promise<ItemRow[]> {
  const params: unknown[] = [f.calendarIds, new Date(fromMs), new Date(toMs), f.userId];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.kinds) add('i.kind = any(?::text[])', f.kinds);
  if (f.statuses) add('i.status = any(?::text[])', f.statuses);
  if (f.communityId || f.text) {
    add("(i.visibility <> 'private' or i.calendar_id = any(?::uuid[]))", f.fullCalendarIds);
    // Others' leave shows as "On leave" to colleagues: its words must not find it either.
    if (!f.approver) add("(i.kind <> 'leave' or i.organizer_id = ?::uuid)", f.userId);
  }
  if (f.communityId) add('i.community_id = ?::uuid', f.communityId);
  if (f.text)
    add(
      "concat_ws(' ', i.title, i.description, i.location) ilike ?",
      `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  const r = await db.query<ItemRow>(
    `with ${candidates(f.everything, f.approver === true)}
     select ${ITEM_COLUMNS} from items i join candidates k on k.id = i.id ${ITEM_JOINS}
      ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  return r.rows;
}
