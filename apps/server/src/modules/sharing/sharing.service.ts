import type { CalendarFeed, CreateShareLinkBody, LinkAccess, ShareLink } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import type { Page, PageRequest } from '../../db/paging';
import { recordAudit } from '../audit';
import { findCalendarById, grantAtLeast, requireCalendar } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import * as repo from './sharing.repository';
import { hashAddress, hashToken, looksLikeToken, newToken } from './sharing.tokens';

type Deps = Pick<ServiceDeps, 'db'>;
/** The clock services read: injected, so expiry is tested without waiting. */
export type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** The path of a feed's file; the routes put the origin (https:// or webcal://) in front. */
export const feedPath = (token: string) => `/ics/${token}.ics`;
/** The path of the page a share link opens. */
export const linkPath = (token: string) => `/share/${token}`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentFeed(row: repo.FeedRow, token: string | null, origin: string): CalendarFeed {
  const path = token ? feedPath(token) : null;
  return {
    calendarId: row.calendar_id,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    url: path ? `${origin}${path}` : null,
    webcalUrl: path ? `${origin.replace(/^https?:/, 'webcal:')}${path}` : null,
    token,
  };
}

/** The actor's feed of a calendar they may view (without its token, which is shown only once). */
export async function getFeed(deps: Deps, actor: Actor, calendarId: string, origin: string) {
  await requireCalendar(deps.db, actor, calendarId, 'view');
  const row = await repo.findFeed(deps.db, calendarId, actor.userId);
  if (!row) throw new AppError('calendar_feed.not_found');
  return presentFeed(row, null, origin);
}

/** Makes the actor's feed of a calendar, or replaces its token (the old URL stops working at once). */
export async function makeFeed(
  deps: Deps,
  actor: Actor,
  calendarId: string,
  origin: string,
  meta: RequestMeta,
) {
  await requireCalendar(deps.db, actor, calendarId, 'view');
  const token = newToken();
  return deps.db.transaction(async (tx) => {
    const row = await repo.upsertFeed(tx, calendarId, actor.userId, hashToken(token));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.feed_issued',
      entityType: 'calendar',
      entityId: calendarId,
      ip: meta.ip,
    });
    return presentFeed(row, token, origin);
  });
}

export async function revokeFeed(deps: Deps, actor: Actor, calendarId: string) {
  await requireCalendar(deps.db, actor, calendarId, 'view');
  if (!(await repo.deleteFeed(deps.db, calendarId, actor.userId)))
    throw new AppError('calendar_feed.not_found');
}

/**
 * The feed behind a token: its calendar and user. A token that is not one, or names no feed, is
 * 404 like any unknown path.
 */
export async function resolveFeed(deps: Deps, token: string): Promise<repo.FeedRow> {
  const row = looksLikeToken(token) ? await repo.findFeedByHash(deps.db, hashToken(token)) : undefined;
  if (!row) throw new AppError('calendar_feed.not_found');
  return row;
}

/** Records that a feed answered with content of hash `contentHash`; returns when its content last changed. */
export const feedAnswered = (deps: Deps, feedId: string, contentHash: string) =>
  repo.touchFeed(deps.db, feedId, contentHash);

function presentLink(row: repo.LinkRow, now: Date): ShareLink {
  return {
    id: row.id,
    calendarId: row.calendar_id,
    access: row.access,
    showDetails: row.show_details,
    expiresAt: iso(row.expires_at),
    maxViews: row.max_views,
    views: row.views,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    live:
      (row.expires_at === null || row.expires_at > now) &&
      (row.max_views === null || row.views < row.max_views),
  };
}

/** Creates a share link of a calendar the actor manages; the token is in this answer only. */
export async function createLink(
  deps: Deps,
  actor: Actor,
  calendarId: string,
  body: CreateShareLinkBody,
  origin: string,
  meta: RequestMeta,
  clock: Clock = systemClock,
) {
  await requireCalendar(deps.db, actor, calendarId, 'manage');
  const now = clock();
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt <= now)
    throw new AppError('request.invalid', 'The expiry must be in the future.', [
      { field: 'expiresAt', message: 'is not in the future' },
    ]);
  const token = newToken();
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertLink(tx, {
      calendarId,
      createdBy: actor.userId,
      hash: hashToken(token),
      access: body.access,
      showDetails: body.showDetails ?? true,
      expiresAt,
      maxViews: body.maxViews ?? null,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.link_created',
      entityType: 'calendar',
      entityId: calendarId,
      ip: meta.ip,
      data: { linkId: row.id, access: body.access },
    });
    return { ...presentLink(row, now), url: `${origin}${linkPath(token)}`, token };
  });
}

export async function listLinks(deps: Deps, actor: Actor, calendarId: string, clock: Clock = systemClock) {
  await requireCalendar(deps.db, actor, calendarId, 'manage');
  const now = clock();
  return (await repo.listLinks(deps.db, calendarId)).map((r) => presentLink(r, now));
}

/** Revokes a link at once: the next request with its token is 404. */
export async function revokeLink(
  deps: Deps,
  actor: Actor,
  calendarId: string,
  linkId: string,
  meta: RequestMeta,
  clock: Clock = systemClock,
) {
  await requireCalendar(deps.db, actor, calendarId, 'manage');
  await deps.db.transaction(async (tx) => {
    if (!(await repo.revokeLink(tx, calendarId, linkId, clock()))) throw new AppError('share_link.not_found');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.link_revoked',
      entityType: 'calendar',
      entityId: calendarId,
      ip: meta.ip,
      data: { linkId },
    });
  });
}

/** The uses of one of the calendar's links, newest first (managers). */
export async function listAccesses(
  deps: Deps,
  actor: Actor,
  calendarId: string,
  linkId: string,
  page: PageRequest,
): Promise<Page<LinkAccess>> {
  await requireCalendar(deps.db, actor, calendarId, 'manage');
  if (!(await repo.findLink(deps.db, calendarId, linkId))) throw new AppError('share_link.not_found');
  const got = await repo.listAccesses(deps.db, linkId, page);
  return {
    items: got.items.map((a) => ({
      id: a.id,
      at: a.at.toISOString(),
      action: a.action,
      user: a.user_id ? { id: a.user_id, name: a.user_name ?? '' } : null,
      userAgent: a.user_agent,
      addressHash: a.address_hash,
    })),
    nextCursor: got.nextCursor,
  };
}

/** A live link in use, with its calendar: what the public routes serve. */
export interface UsedLink {
  link: repo.LinkRow;
  calendar: { id: string; name: string; color: string };
}

/**
 * Uses a share link: `open` spends one of its views, the other actions need it live (the page
 * that spent the last view still loads its weeks). The use is logged in the same transaction.
 * Unknown, revoked, expired and exhausted links are one answer: 404 `share_link.not_found`.
 */
export async function useLink(
  deps: Deps,
  token: string,
  action: repo.AccessRow['action'],
  who: { userId: string | null; meta: RequestMeta },
  clock: Clock = systemClock,
): Promise<UsedLink> {
  const addressHash = await hashAddress(deps.db, who.meta.ip);
  return deps.db.transaction((tx) => useLinkIn(tx, token, action, who, addressHash, clock()));
}

/** `useLink` inside the caller's transaction, with the address already hashed. */
async function useLinkIn(
  tx: Queryable,
  token: string,
  action: repo.AccessRow['action'],
  who: { userId: string | null; meta: RequestMeta },
  addressHash: string,
  now: Date,
): Promise<UsedLink> {
  const notFound = () => new AppError('share_link.not_found');
  if (!looksLikeToken(token)) throw notFound();
  const link = await repo.useLink(tx, hashToken(token), now, action);
  // Opening tells either kind of link what it is; reading the calendar needs a view link and
  // accepting an edit link.
  const fits = action === 'open' || link?.access === (action === 'accept' ? 'edit' : 'view');
  if (!link || !fits) throw notFound();
  const calendar = await findCalendarById(tx, link.calendar_id);
  if (!calendar) throw notFound();
  await repo.insertAccess(tx, {
    linkId: link.id,
    at: now,
    userId: who.userId,
    action,
    userAgent: who.meta.userAgent?.slice(0, 500) ?? null,
    addressHash,
  });
  return { link, calendar: { id: calendar.id, name: calendar.name, color: calendar.color } };
}

/** Accepts an edit link: the signed-in actor becomes (at least) an edit member of its calendar. */
export async function acceptLink(
  deps: Deps,
  actor: Actor,
  token: string,
  meta: RequestMeta,
  clock: Clock = systemClock,
) {
  const addressHash = await hashAddress(deps.db, meta.ip);
  // One transaction: the view spent, the log line and the membership stand or fall together.
  const calendarId = await deps.db.transaction(async (tx) => {
    const used = await useLinkIn(tx, token, 'accept', { userId: actor.userId, meta }, addressHash, clock());
    await grantAtLeast(tx, used.calendar.id, actor.userId, 'edit');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.link_accepted',
      entityType: 'calendar',
      entityId: used.calendar.id,
      ip: meta.ip,
      data: { linkId: used.link.id },
    });
    return used.calendar.id;
  });
  const cal = await requireCalendar(deps.db, actor, calendarId, 'view');
  return { calendarId, permission: cal.permission };
}
