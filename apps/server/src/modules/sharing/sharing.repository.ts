import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';
import { Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

export interface FeedRow {
  id: string;
  calendar_id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date | null;
  content_hash: string | null;
  content_changed_at: Date | null;
}
const FEED = rowColumns<FeedRow>()('calendar_feeds', [
  'id',
  'calendar_id',
  'user_id',
  'created_at',
  'last_used_at',
  'content_hash',
  'content_changed_at',
]);
columnsOf('calendar_feeds', ['token_hash']);

export interface LinkRow {
  id: string;
  calendar_id: string;
  created_by: string | null;
  access: 'view' | 'edit';
  show_details: boolean;
  expires_at: Date | null;
  max_views: number | null;
  views: number;
  revoked_at: Date | null;
  created_at: Date;
  last_used_at: Date | null;
}
const LINK = rowColumns<LinkRow>()('share_links', [
  'id',
  'calendar_id',
  'created_by',
  'access',
  'show_details',
  'expires_at',
  'max_views',
  'views',
  'revoked_at',
  'created_at',
  'last_used_at',
]);
columnsOf('share_links', ['token_hash']);

export interface AccessRow {
  id: string;
  link_id: string;
  at: Date;
  user_id: string | null;
  action: 'open' | 'calendar' | 'ics' | 'accept';
  user_agent: string | null;
  address_hash: string;
}
const ACCESS = rowColumns<AccessRow>()('share_link_accesses', [
  'id',
  'link_id',
  'at',
  'user_id',
  'action',
  'user_agent',
  'address_hash',
]);

/** The user's feed of a calendar, if they made one. */
export async function findFeed(
  db: Queryable,
  calendarId: string,
  userId: string,
): Promise<FeedRow | undefined> {
  const r = await db.query<FeedRow>(
    `select ${FEED.list()} from calendar_feeds where calendar_id = $1 and user_id = $2`,
    [calendarId, userId],
  );
  return r.rows[0];
}

/** The feed whose token hashes to `hash`. */
export async function findFeedByHash(db: Queryable, hash: string): Promise<FeedRow | undefined> {
  const r = await db.query<FeedRow>(`select ${FEED.list()} from calendar_feeds where token_hash = $1`, [
    hash,
  ]);
  return r.rows[0];
}

/** Makes or replaces (a new token, the old one dead at once) the user's feed of a calendar. */
export async function upsertFeed(
  db: Queryable,
  calendarId: string,
  userId: string,
  hash: string,
): Promise<FeedRow> {
  const r = await db.query<FeedRow>(
    `insert into calendar_feeds (calendar_id, user_id, token_hash) values ($1, $2, $3)
     on conflict (calendar_id, user_id) do update
       set token_hash = excluded.token_hash, created_at = now(), last_used_at = null,
           content_hash = null, content_changed_at = null
     returning ${FEED.list()}`,
    [calendarId, userId, hash],
  );
  return r.rows[0]!;
}

export async function deleteFeed(db: Queryable, calendarId: string, userId: string): Promise<boolean> {
  const r = await db.query('delete from calendar_feeds where calendar_id = $1 and user_id = $2', [
    calendarId,
    userId,
  ]);
  return r.rowCount > 0;
}

/**
 * Records a use of the feed and the hash of what it answered; the change time moves only when
 * the content changed. Returns when the content last changed.
 */
export async function touchFeed(db: Queryable, id: string, contentHash: string): Promise<Date> {
  const r = await db.query<{ content_changed_at: Date }>(
    `update calendar_feeds set last_used_at = now(),
       content_changed_at = case when content_hash is distinct from $2 then now() else content_changed_at end,
       content_hash = $2
     where id = $1 returning content_changed_at`,
    [id, contentHash],
  );
  return r.rows[0]?.content_changed_at ?? new Date();
}

export async function insertLink(
  db: Queryable,
  v: {
    calendarId: string;
    createdBy: string;
    hash: string;
    access: 'view' | 'edit';
    showDetails: boolean;
    expiresAt: Date | null;
    maxViews: number | null;
  },
): Promise<LinkRow> {
  const r = await db.query<LinkRow>(
    `insert into share_links (calendar_id, created_by, token_hash, access, show_details, expires_at, max_views)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${LINK.list()}`,
    [v.calendarId, v.createdBy, v.hash, v.access, v.showDetails, v.expiresAt, v.maxViews],
  );
  return r.rows[0]!;
}

/** The calendar's links that are not revoked, newest first. */
export async function listLinks(db: Queryable, calendarId: string): Promise<LinkRow[]> {
  const r = await db.query<LinkRow>(
    `select ${LINK.list()} from share_links where calendar_id = $1 and revoked_at is null
     order by created_at desc, id desc limit 500`,
    [calendarId],
  );
  return r.rows;
}

export async function findLink(db: Queryable, calendarId: string, id: string): Promise<LinkRow | undefined> {
  const r = await db.query<LinkRow>(
    `select ${LINK.list()} from share_links where calendar_id = $1 and id = $2`,
    [calendarId, id],
  );
  return r.rows[0];
}

/**
 * The live link whose token hashes to `hash` at `now`: not revoked, not expired, with views left.
 * A view is spent, in the same statement, by opening a view link, fetching its .ics or accepting
 * an edit link (so concurrent uses of a link with one view left give one success); the weeks a
 * page loads after opening spend none, so the page that spent the last view still works.
 */
export async function useLink(
  db: Queryable,
  hash: string,
  now: Date,
  action: AccessRow['action'],
): Promise<LinkRow | undefined> {
  const spend = `(case when $3 = 'ics' or $3 = 'accept' or ($3 = 'open' and access = 'view') then 1 else 0 end)`;
  const r = await db.query<LinkRow>(
    `update share_links set last_used_at = $2, views = views + ${spend}
     where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > $2)
       and (max_views is null or views + ${spend} <= max_views)
     returning ${LINK.list()}`,
    [hash, now, action],
  );
  return r.rows[0];
}

export async function revokeLink(db: Queryable, calendarId: string, id: string, now: Date): Promise<boolean> {
  const r = await db.query(
    'update share_links set revoked_at = $3 where calendar_id = $1 and id = $2 and revoked_at is null',
    [calendarId, id, now],
  );
  return r.rowCount > 0;
}

export async function insertAccess(
  db: Queryable,
  a: {
    linkId: string;
    at: Date;
    userId: string | null;
    action: AccessRow['action'];
    userAgent: string | null;
    addressHash: string;
  },
): Promise<void> {
  await db.query(
    `insert into share_link_accesses (link_id, at, user_id, action, user_agent, address_hash)
     values ($1, $2, $3, $4, $5, $6)`,
    [a.linkId, a.at, a.userId, a.action, a.userAgent, a.addressHash],
  );
}

columnsOf('users', ['id', 'name']);

/** The uses of a link, newest first, one page at a time, with the user's name when signed in. */
export async function listAccesses(
  db: Queryable,
  linkId: string,
  page: PageRequest,
): Promise<Page<AccessRow & { user_name: string | null }>> {
  const filter = new Filter().add('a.link_id = ?', linkId);
  return keysetPage(db, {
    columns: `${ACCESS.list('a')}, u.name as user_name`,
    from: 'from share_link_accesses a left join users u on u.id = a.user_id',
    filter,
    orderBy: [
      // Newest first, with an ascending key: the negated microseconds since the epoch.
      { sql: '(-(extract(epoch from a.at) * 1000000))::bigint', kind: 'int' },
      { sql: 'a.id', kind: 'uuid' },
    ],
    page,
  });
}
