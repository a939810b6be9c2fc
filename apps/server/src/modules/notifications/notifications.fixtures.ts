import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { openDatabase } from '../../db/open';
import { createTestDb } from '../../test/db';
import { buildUser } from '../../test/factories';
import { notify } from './outbox';

/**
 * An SMTP server (smtp-server, real SMTP) that counts accepted messages by Message-ID. `hold()`
 * stops it accepting: messages that arrive after are never answered 250, so, as with a real mail
 * server, they are not delivered when their sender dies; the sender must send them again.
 */
export async function startCountingSmtp() {
  const accepted = new Map<string, number>();
  let held = false;
  const watchers: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (held) return; // never answered: the connection dies with its client
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
        if (id) accepted.set(id, (accepted.get(id) ?? 0) + 1);
        callback();
        for (const w of watchers.filter((w) => accepted.size >= w.n)) {
          watchers.splice(watchers.indexOf(w), 1);
          w.resolve();
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    hold: () => (held = true),
    release: () => (held = false),
    /** Resolves once `n` distinct messages were accepted. */
    distinct: (n: number) =>
      accepted.size >= n ? Promise.resolve() : new Promise<void>((resolve) => watchers.push({ n, resolve })),
    /** Message-IDs accepted more than once. */
    duplicates: () => [...accepted].filter(([, n]) => n > 1).map(([id]) => id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The database a spawned `kalendaryo` uses: a fresh one on the PostgreSQL server of DATABASE_URL
 * when set, else an embedded one in a new data directory (which only one process may open, so
 * `use` opens it only while no server runs).
 */
export async function processStore() {
  if (process.env.DATABASE_URL) {
    const t = await createTestDb();
    return {
      kind: 'postgresql' as const,
      env: { DATABASE_URL: t.url! } as Record<string, string>,
      use: <T>(fn: (db: Db) => Promise<T>) => fn(t.db),
      close: () => t.close(),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kal-notify-'));
  return {
    kind: 'pglite' as const,
    env: { DATA_DIR: dir } as Record<string, string>,
    use: async <T>(fn: (db: Db) => Promise<T>) => {
      const opened = await openDatabase(loadConfig({ DATA_DIR: dir }));
      try {
        return await fn(opened.db);
      } finally {
        await opened.close();
      }
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `perUser` reminders for each of `users` new people, all due now (email and inbox: the defaults). */
export async function seedDueReminders(db: Db, users: number, perUser: number): Promise<void> {
  for (let u = 0; u < users; u++) {
    const person = await buildUser(db, { name: `Staff ${u}` });
    await notify(
      db,
      Array.from({ length: perUser }, (_, i) => ({
        recipientId: person.id,
        type: 'reminder' as const,
        title: `Field visit ${i} in 15 minutes`,
        body: 'Starts at 09:00 in Cotabato City.',
        path: '/calendar',
        key: `15:${i}`,
      })),
    );
  }
}

/** Email deliveries by status. */
export async function emailStatuses(db: Db): Promise<Record<string, number>> {
  const r = await db.query<{ status: string; n: number }>(
    "select status, count(*)::int as n from deliveries where channel = 'email' group by status",
  );
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}
