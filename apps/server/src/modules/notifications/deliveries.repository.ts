import type { NotificationChannel, NotificationType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';
import { Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

/** A claimed delivery with what its channel needs to send it. */
export interface ClaimedDelivery {
  id: string;
  channel: NotificationChannel;
  attempts: number;
  notification_id: string;
  type: NotificationType;
  title: string;
  body: string;
  path: string;
  data: Record<string, unknown>;
  recipient_id: string;
  name: string;
  email: string;
  active: boolean;
  time_zone: string;
  phone: string | null;
  quiet_enabled: boolean | null;
  quiet_start: string | null;
  quiet_end: string | null;
  reminders_exempt: boolean | null;
}

// Declared for the schema check (db/columns.test.ts): what the claim reads and writes.
columnsOf('deliveries', [
  'id',
  'notification_id',
  'channel',
  'status',
  'due_at',
  'attempts',
  'claimed_until',
  'claim_token',
  'last_error',
  'sent_at',
  'updated_at',
]);
columnsOf('notifications', ['id', 'type', 'title', 'body', 'path', 'data', 'recipient_id']);
columnsOf('users', ['id', 'name', 'email', 'active', 'time_zone']);
columnsOf('notification_preferences', [
  'user_id',
  'phone',
  'quiet_enabled',
  'quiet_start',
  'quiet_end',
  'reminders_exempt',
]);

/**
 * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time has come and ones
 * whose claim expired (a worker died while sending). FOR UPDATE SKIP LOCKED lets several workers
 * claim at once without waiting for or taking each other's rows; the token names this claim, so
 * only its holder can record the outcome.
 */
export async function claimDue(
  q: Queryable,
  opts: { now: Date; limit: number; leaseMs: number; token: string },
): Promise<ClaimedDelivery[]> {
  const r = await q.query<ClaimedDelivery>(
    // Two scans, each along its partial index (an OR of both would read the whole table, sent
    // history included): expired claims first, as they have waited longest.
    `with expired as (
       select id from deliveries where status = 'sending' and claimed_until <= $1
        order by claimed_until limit $2 for update skip locked
     ), pending as (
       select id from deliveries where status = 'pending' and due_at <= $1
        order by due_at limit $2 for update skip locked
     ), due as (
       select id from (select id from expired union all select id from pending) d limit $2
     ), claimed as (
       update deliveries d set status = 'sending', claim_token = $3,
              claimed_until = $1::timestamptz + make_interval(secs => $4::double precision / 1000),
              attempts = d.attempts + 1, updated_at = $1
         from due where d.id = due.id
       returning d.id, d.channel, d.attempts, d.notification_id
     )
     select c.id, c.channel, c.attempts, c.notification_id, n.type, n.title, n.body, n.path, n.data,
            n.recipient_id, u.name, u.email, u.active, u.time_zone, p.phone, p.quiet_enabled, p.quiet_start,
            p.quiet_end, p.reminders_exempt
       from claimed c
       join notifications n on n.id = c.notification_id
       join users u on u.id = n.recipient_id
       left join notification_preferences p on p.user_id = u.id`,
    [opts.now, opts.limit, opts.token, opts.leaseMs],
  );
  return r.rows;
}

type Outcome =
  | { status: 'sent' }
  | { status: 'failed' | 'skipped'; error: string }
  | { status: 'pending'; dueAt: Date; error: string | null; countAttempt: boolean };

/**
 * Records what became of a claimed delivery, only while the claim is still this worker's (a
 * claim that expired and was taken over is the new holder's to record). False when it was not.
 */
export async function recordOutcome(
  q: Queryable,
  id: string,
  token: string,
  now: Date,
  o: Outcome,
): Promise<boolean> {
  const r = await q.query(
    `update deliveries set status = $4, claim_token = null, claimed_until = null, updated_at = $3,
            sent_at = case when $4 = 'sent' then $3 else sent_at end,
            last_error = case when $4 = 'sent' then null else coalesce($5, last_error) end,
            due_at = coalesce($6, due_at),
            attempts = attempts - case when $7 then 0 else 1 end
      where id = $1 and claim_token = $2 and status = 'sending'`,
    [
      id,
      token,
      now,
      o.status,
      'error' in o ? o.error : null,
      o.status === 'pending' ? o.dueAt : null,
      o.status === 'pending' ? o.countAttempt : true,
    ],
  );
  return r.rowCount > 0;
}

/**
 * Gives up every claim of this database: only for the embedded database, whose one process holds
 * the data directory, so a claim left in it belongs to a process that is gone.
 */
export async function releaseAllClaims(q: Queryable): Promise<number> {
  const r = await q.query(
    `update deliveries set status = 'pending', claim_token = null, claimed_until = null, updated_at = now()
      where status = 'sending'`,
  );
  return r.rowCount;
}

export interface FailedDeliveryRow {
  id: string;
  notification_id: string;
  recipient_id: string;
  channel: NotificationChannel;
  type: NotificationType;
  attempts: number;
  last_error: string | null;
  updated_at: Date;
}
rowColumns<Pick<FailedDeliveryRow, 'id' | 'channel' | 'attempts' | 'last_error' | 'updated_at'>>()(
  'deliveries',
  ['id', 'channel', 'attempts', 'last_error', 'updated_at'],
);

/** Deliveries of `status` (the failed ones for administrators), newest first. */
export async function listDeliveries(
  q: Queryable,
  status: string,
  page: PageRequest,
): Promise<Page<FailedDeliveryRow>> {
  return keysetPage<FailedDeliveryRow>(q, {
    columns: `d.id, d.notification_id, n.recipient_id, d.channel, n.type, d.attempts, d.last_error, d.updated_at`,
    from: 'from deliveries d join notifications n on n.id = d.notification_id',
    filter: new Filter().add('d.status = ?', status),
    orderBy: [
      { sql: '(-(extract(epoch from d.updated_at) * 1000000))::bigint', kind: 'int' },
      { sql: 'd.id', kind: 'uuid' },
    ],
    page,
  });
}
