/**
 * Notifications on PGlite and PostgreSQL: BENCH_NOTIFY_COUNT (default 10,000) reminders due within
 * one minute, each to the inbox and by email to a local SMTP server (smtp-server), sent by one
 * delivery worker as `serve` runs it. Reports enqueue rate, deliveries per second per channel and
 * the delay from due time to sent (p50/p99), beside raw baselines: plain SQL inserts of the same
 * rows and plain nodemailer sends to the same SMTP server with the same pool.
 */
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import {
  createChannels,
  DeliveryWorker,
  type NotificationInput,
  notify,
  openLiveHub,
} from '../apps/server/src/modules/notifications';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase, summarize } from './databases';

const COUNT = Number(process.env.BENCH_NOTIFY_COUNT ?? 10_000);
const USERS = 100;

type Row = Record<string, string | number>;

async function startSmtp() {
  let accepted = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        accepted++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function seedUsers(db: Db): Promise<string[]> {
  const passwordHash = await hashPassword('bench password unused', 10);
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++)
    ids.push(
      (
        await insertUser(db, {
          email: `bench-notify-${i}@oobc.example`,
          name: `Bench ${i}`,
          role: 'staff',
          passwordHash,
        })
      ).id,
    );
  return ids;
}

/** COUNT reminders all due at `from` (one minute's reminders fire at the same instant). */
function reminders(users: string[], from: number, tag: string): NotificationInput[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    recipientId: users[i % users.length]!,
    type: 'reminder' as const,
    title: `Field visit ${i} in 15 minutes`,
    body: 'Starts at 09:00 in Cotabato City.',
    path: '/calendar',
    dueAt: new Date(from),
    key: `${tag}:${i}`,
  }));
}

async function benchDatabase(label: string, db: Db, rows: Row[], smtpUrl: string) {
  const users = await seedUsers(db);
  // Enqueue through notify(), in batches of 500 as producers would in their transactions.
  const from = Date.now() + 2_000;
  const all = reminders(users, from, 'n');
  const t0 = performance.now();
  for (let i = 0; i < all.length; i += 500) await db.transaction((tx) => notify(tx, all.slice(i, i + 500)));
  const enqueueMs = performance.now() - t0;

  // The raw baseline: the same rows with plain SQL (no preferences, no dedupe), in one statement each.
  const t1 = performance.now();
  await db.query(
    `with n as (
       insert into notifications (recipient_id, type, title, body, path, dedupe_key, due_at)
       select ($1::uuid[])[1 + g % $3], 'reminder', 'raw', 'raw', '/calendar', 'raw|' || g, now() + interval '1 year'
         from generate_series(1, $2::int) g returning id, recipient_id, dedupe_key, due_at)
     insert into deliveries (notification_id, channel, due_at, idempotency_key)
     select n.id, c, n.due_at, n.recipient_id || n.dedupe_key || c from n, unnest(array['in_app', 'email']) c`,
    [users, COUNT, USERS],
  );
  const rawMs = performance.now() - t1;

  const config = { ...loadConfig({ SMTP_URL: smtpUrl, KALENDARYO_MAIL_FROM: 'calendar@oobc.example' }) };
  const channels = createChannels(config, db);
  const worker = new DeliveryWorker({
    db,
    channels,
    live: await openLiveHub(null),
    publicUrl: 'http://127.0.0.1:3000',
  });
  await worker.start();
  for (;;) {
    const left = await db.query<{ n: number }>(
      "select count(*)::int as n from deliveries where status in ('pending', 'sending') and due_at < now() + interval '1 day'",
    );
    if (left.rows[0]!.n === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await worker.stop();
  await Promise.all(channels.map((c) => c.close?.()));

  const delays = await db.query<{ channel: string; ms: number; sent: number }>(
    `select d.channel, extract(epoch from d.sent_at - n.due_at) * 1000 as ms, extract(epoch from d.sent_at) * 1000 as sent
       from deliveries d join notifications n on n.id = d.notification_id where d.status = 'sent'`,
  );
  for (const channel of ['in_app', 'email']) {
    const mine = delays.rows.filter((r) => r.channel === channel);
    const s = summarize(mine.map((r) => Number(r.ms)));
    const span = (Math.max(...mine.map((r) => Number(r.sent))) - from) / 1000;
    rows.push({
      database: label,
      channel,
      sent: mine.length,
      'enqueue /s (notify)': Math.round(COUNT / (enqueueMs / 1000)),
      'enqueue /s (raw SQL)': Math.round(COUNT / (rawMs / 1000)),
      'sent /s (from due)': Math.round(mine.length / span),
      'due→sent p50 ms': Math.round(s.median),
      'due→sent p99 ms': Math.round(s.p99),
    });
  }
}

/** Plain nodemailer sends with the email channel's pool (3 connections), 8 in flight. */
async function rawMail(smtpUrl: string): Promise<Row> {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port),
    pool: true,
    maxConnections: 3,
  });
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < COUNT) {
      const i = next++;
      await transport.sendMail({
        from: 'calendar@oobc.example',
        to: `bench-${i % USERS}@oobc.example`,
        subject: `Field visit ${i} in 15 minutes`,
        text: 'Starts at 09:00 in Cotabato City.',
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  transport.close();
  return { baseline: 'nodemailer alone', 'sent /s': Math.round(COUNT / ((performance.now() - t0) / 1000)) };
}

export async function benchNotifications() {
  console.log(`\nNotifications: ${COUNT} reminders due at once, inbox + email (local SMTP)`);
  const smtp = await startSmtp();
  const rows: Row[] = [];
  try {
    await forEachDatabase(async (label, db) => {
      try {
        await benchDatabase(label, db, rows, smtp.url);
      } finally {
        await db.close();
      }
    });
    console.table(rows);
    console.table([await rawMail(smtp.url)]);
  } finally {
    await smtp.close();
  }
}
