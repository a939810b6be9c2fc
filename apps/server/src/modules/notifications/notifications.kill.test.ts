import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, serve } from '../../test/process';
import { emailStatuses, processStore, seedDueReminders, startCountingSmtp } from './notifications.fixtures';

/**
 * The outbox survives a crash: 200 reminders due at once, `kalendaryo serve` killed with SIGKILL
 * while it sends them, started again: every message arrives, none twice (by Message-ID).
 */
let smtp: Awaited<ReturnType<typeof startCountingSmtp>>;
let store: Awaited<ReturnType<typeof processStore>>;
beforeAll(async () => {
  smtp = await startCountingSmtp();
  store = await processStore();
});
afterAll(async () => {
  killChildren();
  await smtp.close();
  await store.close();
});

describe('delivery across a crash', () => {
  it('sends every one of 200 due messages exactly once though the server is killed mid-send', async () => {
    await store.use((db) => seedDueReminders(db, 20, 10));
    const env = {
      ...store.env,
      SMTP_URL: smtp.url,
      KALENDARYO_MAIL_FROM: 'Kalendaryo <calendar@oobc.example>',
      // A PostgreSQL claim of the killed process is taken over once it expires.
      KALENDARYO_DELIVERY_LEASE_SECONDS: '5',
    };
    // Kill when 60 have been accepted: from then on the mail server stops answering, so the
    // sends in flight die with the process; the rest are still to send.
    const first = serve(env);
    await smtp.distinct(60);
    smtp.hold();
    const killed = await first;
    // Long enough for the process to record what was accepted, not to finish anything else.
    await new Promise((r) => setTimeout(r, 500));
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    const before = smtp.accepted.size;
    expect(before).toBeGreaterThanOrEqual(60);
    expect(before).toBeLessThan(200);

    smtp.release();
    const second = await serve(env);
    await smtp.distinct(200);
    // Time to send anything twice, if it were going to.
    await new Promise((r) => setTimeout(r, 2000));
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    expect(smtp.accepted.size).toBe(200);
    expect(smtp.duplicates()).toEqual([]);
    await store.use(async (db) => {
      expect(await emailStatuses(db)).toEqual({ sent: 200 });
      const ids = await db.query<{ id: string; attempts: number }>(
        "select id, attempts from deliveries where channel = 'email'",
      );
      const sentIds = [...smtp.accepted.keys()].map((m) => m.slice(1, 37)).sort();
      expect(sentIds).toEqual(ids.rows.map((r) => r.id).sort());
      // Some were claimed by the killed process while it sent them, and sent by the second.
      expect(ids.rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(0);
      const inbox = await db.query<{ n: number }>(
        "select count(*)::int as n from deliveries where channel = 'in_app' and status = 'sent'",
      );
      expect(inbox.rows[0]!.n).toBe(200);
    });
  }, 240_000);
});
