import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, launch, type Proc } from '../../test/process';
import { emailStatuses, processStore, seedDueReminders, startCountingSmtp } from './notifications.fixtures';

/** Several workers on one PostgreSQL share the outbox without sending anything twice. */
const onPostgres = Boolean(process.env.DATABASE_URL);

let smtp: Awaited<ReturnType<typeof startCountingSmtp>>;
let store: Awaited<ReturnType<typeof processStore>>;
beforeAll(async () => {
  if (!onPostgres) return;
  smtp = await startCountingSmtp();
  store = await processStore();
});
afterAll(async () => {
  killChildren();
  await smtp?.close();
  await store?.close();
});

const ready = async (p: Proc) => {
  for (let i = 0; i < 600 && !p.output().includes('is sending notifications'); i++)
    await new Promise((r) => setTimeout(r, 100));
  expect(p.output()).toContain('is sending notifications');
};

describe.skipIf(!onPostgres)(
  'two workers on one PostgreSQL (set DATABASE_URL; the embedded database is one process)',
  () => {
    it('deliver 1,000 messages, each exactly once', async () => {
      const env = { ...store.env, SMTP_URL: smtp.url, KALENDARYO_MAIL_FROM: 'calendar@oobc.example' };
      const workers = [launch(['worker'], env), launch(['worker'], env)];
      await Promise.all(workers.map(ready));
      await store.use((db) => seedDueReminders(db, 100, 10));
      await smtp.distinct(1000);
      await new Promise((r) => setTimeout(r, 2000));
      for (const w of workers) w.child.kill('SIGTERM');
      for (const w of workers) expect((await w.exited).code).toBe(0);
      // Both took part: each sent some of the 2,000 deliveries (email and inbox).
      const counts = workers.map((w) => Number(/after sending (\d+) deliveries/.exec(w.output())?.[1]));
      expect(counts.every((n) => n > 0)).toBe(true);
      expect(counts[0]! + counts[1]!).toBe(2000);
      expect(smtp.accepted.size).toBe(1000);
      expect(smtp.duplicates()).toEqual([]);
      await store.use(async (db) => expect(await emailStatuses(db)).toEqual({ sent: 1000 }));
    }, 240_000);
  },
);
