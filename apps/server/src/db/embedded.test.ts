import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, killChildren, run, serve } from '../test/process';

// The embedded database as a user runs it: real `kalendaryo` processes on a data directory.

// Each CLI run starts Node, tsx and PGlite (seconds, more on a busy machine); `serve` may build the web app.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ADMIN = { email: 'admin@oobc.example', password: 'admin-password-1' };

async function api(url: string, method: string, route: string, token?: string, body?: unknown) {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const login = async (url: string) => {
  const res = await api(url, 'POST', '/api/v1/auth/login', undefined, ADMIN);
  expect(res.status).toBe(200);
  return res.body.token as string;
};

const listedEmails = async (dataDir: string) => {
  const res = await run(['user', 'list', '--json'], { DATA_DIR: dataDir });
  expect(res.code, res.output).toBe(0);
  return (JSON.parse(res.output) as { email: string }[]).map((u) => u.email).sort();
};

const LOCKED = /is in use by another Kalendaryo process \(pid (\d+)\)/;

describe.skipIf(!!process.env.DATABASE_URL)(
  'the embedded database (PGlite in DATA_DIR; skipped when DATABASE_URL is set)',
  () => {
    let dataDir: string;
    let work: string;
    const adminEnv = () => ({
      DATA_DIR: dataDir,
      KALENDARYO_ADMIN_EMAIL: ADMIN.email,
      KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
    });
    // Users the API acknowledged with 201 before the server was killed.
    const acknowledged: string[] = [];
    let second: Awaited<ReturnType<typeof serve>> | undefined;

    beforeAll(() => {
      work = mkdtempSync(path.join(tmpdir(), 'kalendaryo-embedded-'));
      dataDir = path.join(work, 'data');
    });
    afterAll(() => {
      killChildren();
      rmSync(work, { recursive: true, force: true });
    });

    it('refuses a second server on the same DATA_DIR with a clear message while the first keeps serving', async () => {
      const first = await serve(adminEnv());
      const token = await login(first.url);

      const started = Date.now();
      const other = await run(['serve'], { ...adminEnv(), PORT: String(await freePort()) });
      expect(other.code, other.output).not.toBe(0);
      expect(other.output).toMatch(LOCKED);
      expect(other.output.match(LOCKED)?.[1]).toBe(String(first.pid));
      expect(Date.now() - started).toBeLessThan(15_000);

      // The first is unharmed: it still reads and writes.
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
      expect(readFileSync(path.join(dataDir, 'kalendaryo.lock'), 'utf8').trim()).toBe(String(first.pid));

      // kill -9 right after the API acknowledged a burst of writes.
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api(first.url, 'POST', '/api/v1/users', token, {
            email: `acked-${i}@oobc.example`,
            name: `Acknowledged ${i}`,
            password: 'a-long-password',
            role: 'staff',
          }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(8).fill(201));
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      acknowledged.push(...created.map((r) => r.body.email as string));
    });

    it('starts again after kill -9 (taking over the stale lock) with every acknowledged write', async () => {
      expect(existsSync(path.join(dataDir, 'kalendaryo.lock'))).toBe(true); // left behind by the killed process
      second = await serve(adminEnv());
      expect(readFileSync(path.join(dataDir, 'kalendaryo.lock'), 'utf8').trim()).toBe(String(second.pid));
      const token = await login(second.url);
      const list = await api(second.url, 'GET', '/api/v1/users?limit=100', token);
      expect(list.status).toBe(200);
      const emails = (list.body.items as { email: string }[]).map((u) => u.email);
      expect(emails).toEqual(expect.arrayContaining([ADMIN.email, ...acknowledged]));
      expect(emails).toHaveLength(acknowledged.length + 1);
    });

    it('refuses backup and restore while the server runs, with the lock message', async () => {
      expect(second).toBeDefined();
      const file = path.join(work, 'while-running.tar.gz');
      const backup = await run(['backup', file], { DATA_DIR: dataDir });
      expect(backup.code).not.toBe(0);
      expect(backup.output).toMatch(LOCKED);
      expect(existsSync(file)).toBe(false);

      writeFileSync(file, 'anything');
      const restore = await run(['restore', file], { DATA_DIR: dataDir });
      expect(restore.code).not.toBe(0);
      expect(restore.output).toMatch(LOCKED);
      expect((await fetch(`${second!.url}/api/health`)).status).toBe(200);

      second!.child.kill('SIGTERM');
      expect(await second!.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(path.join(dataDir, 'kalendaryo.lock'))).toBe(false);
    });

    it('backs up to one file and restores exactly that state; a garbage file changes nothing', async () => {
      const file = path.join(work, 'backup.tar.gz');
      const backup = await run(['backup', file], { DATA_DIR: dataDir });
      expect(backup.code, backup.output).toBe(0);
      expect(statSync(file).size).toBeGreaterThan(0);
      const before = [ADMIN.email, ...acknowledged].sort();

      const later = await run(
        [
          'user',
          'create',
          '--email',
          'later@oobc.example',
          '--name',
          'Later',
          '--password',
          'a-long-password',
        ],
        {
          DATA_DIR: dataDir,
        },
      );
      expect(later.code, later.output).toBe(0);
      expect(await listedEmails(dataDir)).toEqual([...before, 'later@oobc.example'].sort());

      const restore = await run(['restore', file], { DATA_DIR: dataDir });
      expect(restore.code, restore.output).toBe(0);
      expect(await listedEmails(dataDir)).toEqual(before);

      // Not a backup: random bytes (not gzip), and a gzip that holds no database.
      const garbage = [
        ['random.tar.gz', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
        ['text.tar.gz', gzipSync('not a backup')],
      ] as const;
      for (const [name, bytes] of garbage) {
        const bad = path.join(work, name);
        writeFileSync(bad, bytes);
        const res = await run(['restore', bad], { DATA_DIR: dataDir });
        expect(res.code, `${name}: ${res.output}`).not.toBe(0);
        expect(res.output).toContain(bad);
      }
      expect(readdirSync(dataDir).filter((f) => f.includes('restoring'))).toEqual([]);
      expect(existsSync(path.join(dataDir, 'kalendaryo.lock'))).toBe(false);
      expect(await listedEmails(dataDir)).toEqual(before);
    });
  },
);
