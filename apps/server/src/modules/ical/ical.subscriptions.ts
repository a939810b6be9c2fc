import type { CreateSubscriptionBody, Subscription } from '@kalendaryo/contract';
import { AppError, isAppError } from '@kalendaryo/domain';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit';
import { createCalendarIn, requireCalendar, visibleCalendars } from '../calendars';
import type { Actor, RequestMeta } from '../deps';
import { type JobLog, startPeriodic } from '../periodic';
import { readForImport } from './ical.import';
import { applyImport } from './ical.import.apply';
import { downloadCalendar, subscriptionUrl } from './ical.subscriptions.fetch';
import * as repo from './ical.subscriptions.repository';

export interface SubscriptionDeps {
  db: Db;
  config: Pick<Config, 'subscriptionsAllowPrivate' | 'subscriptionRefreshMinutes'>;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(v: repo.SubscriptionView): Subscription {
  return {
    id: v.id,
    calendarId: v.calendar_id,
    url: v.url,
    name: v.name,
    color: v.color,
    refreshMinutes: v.refresh_minutes,
    lastRefreshAt: iso(v.last_refresh_at),
    lastSuccessAt: iso(v.last_success_at),
    lastError: v.last_error,
    nextRefreshAt: new Date(v.next_refresh_at).toISOString(),
    createdAt: new Date(v.created_at).toISOString(),
  };
}

const messageOf = (e: unknown) =>
  isAppError(e) ? (e.detail ?? e.code) : e instanceof Error ? e.message : String(e);

/**
 * Downloads a subscription's address and makes its calendar match it: conditional on the last
 * ETag / Last-Modified (304 changes nothing), one transaction that creates, updates and removes
 * items by UID. Failures are recorded on the subscription, never thrown.
 */
export async function refreshSubscription(deps: SubscriptionDeps, id: string, now: Date): Promise<void> {
  const sub = await repo.findSubscription(deps.db, id);
  if (!sub) return;
  try {
    const got = await downloadCalendar(sub.url, {
      allowPrivate: deps.config.subscriptionsAllowPrivate,
      etag: sub.etag,
      lastModified: sub.last_modified,
    });
    if (got.status === 'not_modified') {
      await repo.recordRefresh(deps.db, id, now, { ok: true });
      return;
    }
    const read = readForImport(got.body);
    await deps.db.transaction(async (tx) => {
      await repo.allowRefreshWrites(tx);
      await applyImport(tx, {
        calendarId: sub.calendar_id,
        organizerId: sub.created_by ?? sub.owner_id,
        items: read.items,
        removeMissing: true,
      });
      await repo.recordRefresh(tx, id, now, {
        ok: true,
        etag: got.etag,
        lastModified: got.lastModified,
        refreshMinutes: publisherInterval(read.refreshMinutes),
      });
    });
  } catch (e) {
    await repo.recordRefresh(deps.db, id, now, { ok: false, error: messageOf(e) });
  }
}

/**
 * The publisher's own polling interval, within reason: at least an hour (a feed asking for every
 * minute would have every server poll it all day) and at most a week; null keeps the schedule.
 */
const publisherInterval = (minutes: number | null) =>
  minutes === null ? null : Math.min(10_080, Math.max(60, minutes));

/** Refreshes every subscription that is due (at most `max` per run); returns how many ran. */
export async function refreshDueSubscriptions(deps: SubscriptionDeps, now: Date, max = 20): Promise<number> {
  let ran = 0;
  for (; ran < max; ran++) {
    const claimed = await repo.claimDue(deps.db, now);
    if (!claimed) break;
    await refreshSubscription(deps, claimed.id, now);
  }
  return ran;
}

/**
 * Subscribes to an external .ics address: a new shared calendar (coordinators and
 * administrators create those), read-only for everyone, refreshed at once and then on schedule.
 */
export async function createSubscription(
  deps: SubscriptionDeps,
  actor: Actor,
  body: CreateSubscriptionBody,
  meta: RequestMeta,
  now: Date,
): Promise<Subscription> {
  const url = subscriptionUrl(body.url).href;
  const id = await deps.db.transaction(async (tx) => {
    const cal = await createCalendarIn(tx, actor, { name: body.name, color: body.color }, meta);
    const subId = await repo.insertSubscription(tx, {
      calendarId: cal.id,
      url,
      refreshMinutes: deps.config.subscriptionRefreshMinutes,
      createdBy: actor.userId,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'calendar.subscribed',
      entityType: 'calendar',
      entityId: cal.id,
      ip: meta.ip,
      data: { url },
    });
    return subId;
  });
  await repo.claimDue(deps.db, now, id);
  await refreshSubscription(deps, id, now);
  return present((await repo.findSubscription(deps.db, id)) as repo.SubscriptionView);
}

/** A subscription whose calendar the actor may `need` (404 when they may not see it). */
async function requireSubscription(
  deps: SubscriptionDeps,
  actor: Actor,
  id: string,
  need: 'view' | 'manage',
) {
  const sub = await repo.findSubscription(deps.db, id);
  if (!sub) throw new AppError('subscription.not_found');
  try {
    await requireCalendar(deps.db, actor, sub.calendar_id, need);
  } catch (e) {
    if (isAppError(e) && e.code === 'calendar.not_found') throw new AppError('subscription.not_found');
    throw e;
  }
  return sub;
}

export async function getSubscription(
  deps: SubscriptionDeps,
  actor: Actor,
  id: string,
): Promise<Subscription> {
  return present(await requireSubscription(deps, actor, id, 'view'));
}

/** The subscriptions of the calendars the actor sees. */
export async function listSubscriptions(deps: SubscriptionDeps, actor: Actor): Promise<Subscription[]> {
  const calendars = await visibleCalendars(deps.db, actor.userId, actor.role);
  return (
    await repo.subscriptionsOf(
      deps.db,
      calendars.map((c) => c.id),
    )
  ).map(present);
}

/** Refreshes now (managers of the calendar); answers with the outcome. */
export async function refreshNow(
  deps: SubscriptionDeps,
  actor: Actor,
  id: string,
  now: Date,
): Promise<Subscription> {
  await requireSubscription(deps, actor, id, 'manage');
  await repo.claimDue(deps.db, now, id);
  await refreshSubscription(deps, id, now);
  return present((await repo.findSubscription(deps.db, id)) as repo.SubscriptionView);
}

/** Refreshes due subscriptions every minute until stopped (serve and `kalendaryo worker`). */
export function startSubscriptionRefreshTimer(
  deps: SubscriptionDeps,
  log: JobLog,
  everyMs = 60_000,
  clock: () => Date = () => new Date(),
): () => void {
  return startPeriodic({
    job: 'subscriptions-refresh',
    everyMs,
    firstMs: 60_000,
    log,
    run: async () => {
      const ran = await refreshDueSubscriptions(deps, clock());
      return ran ? { msg: 'subscribed calendars refreshed', data: { ran } } : null;
    },
  });
}
