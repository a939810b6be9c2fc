import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killChildren, run, serve } from './test/process';

// `kalendaryo` as a user runs it: real processes, on a fresh embedded data directory — or on a
// fresh database of the PostgreSQL server when DATABASE_URL is set.

// Each CLI run starts Node, tsx and PGlite (seconds, more on a busy machine); `serve` may build the web app.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ADMIN = { email: 'admin@oobc.example', password: 'admin-password-1' };

let baseEnv: Record<string, string> = {};
let dataDir = '';
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'kalendaryo-server-'));
  baseEnv = { DATA_DIR: dataDir };
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // An empty database (not migrated), so `migrate` has something to apply.
    const name = `kalendaryo_t_${randomBytes(6).toString('hex')}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    };
    await admin(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    baseEnv.DATABASE_URL = url.toString();
    dropDatabase = () => admin(`drop database if exists ${name} with (force)`);
  }
});

afterAll(async () => {
  killChildren();
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});

const listedEmails = async () => {
  const res = await run(['user', 'list', '--json'], baseEnv);
  expect(res.code, res.output).toBe(0);
  return (JSON.parse(res.output) as { email: string }[]).map((u) => u.email).sort();
};

interface Answer {
  status?: number;
  body?: string;
  /** The whole response arrived (not cut mid-way). */
  complete: boolean;
  error?: string;
  endedAt: number;
}

/** One HTTP request with node:http, reporting exactly how it ended. */
function request(
  agent: http.Agent | false,
  url: URL,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(url, {
      agent,
      method: opts.method ?? 'GET',
      headers: { ...opts.headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ complete: false, error: e.code ?? e.message, endedAt: Date.now() }),
    );
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('error', () => {});
      res.on('close', () =>
        resolve({
          status: res.statusCode,
          body,
          complete: res.complete,
          ...(res.complete ? {} : { error: 'cut' }),
          endedAt: Date.now(),
        }),
      );
    });
    req.end(payload);
  });
}

describe('kalendaryo migrate and user create', () => {
  it('applies the migrations once, then says the database is up to date', async () => {
    const first = await run(['migrate'], baseEnv);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Applied: .*0001_foundation/);
    const second = await run(['migrate'], baseEnv);
    expect(second.code, second.output).toBe(0);
    expect(second.output.trim()).toBe('The database is up to date.');
  });

  it('exits 2 naming --email for a bad email, and creates nobody', async () => {
    const res = await run(
      ['user', 'create', '--email', 'not-an-email', '--name', 'Nobody', '--password', 'a-long-password'],
      baseEnv,
    );
    expect(res.code).toBe(2);
    expect(res.output).toMatch(/^--email: .+/m);
    expect(res.output).not.toMatch(/--(name|password):/);
    expect(await listedEmails()).toEqual([]);
  });
});

describe('kalendaryo serve', () => {
  const host = '127.0.0.2'; // on the loopback network, but not 127.0.0.1: proves HOST is honoured
  let port: number;
  let server: Awaited<ReturnType<typeof serve>>;
  let base: string;

  beforeAll(async () => {
    // info logs show each request as the server accepts it; a costly hash keeps creations in flight.
    server = await serve(
      {
        ...baseEnv,
        LOG_LEVEL: 'info',
        KALENDARYO_PASSWORD_COST: '15',
        KALENDARYO_ADMIN_EMAIL: ADMIN.email,
        KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
      },
      { host },
    );
    port = server.port;
    base = server.url;
  });

  it('listens on PORT at HOST, and only there', async () => {
    expect((await request(false, new URL(`${base}/api/health`))).status).toBe(200);
    expect((await request(false, new URL(`http://127.0.0.1:${port}/api/health`))).error).toBe('ECONNREFUSED');
    expect(server.output()).toContain(`Kalendaryo is running at http://${host}:${port}`);
  });

  it('on SIGTERM finishes every accepted request, exits 0 within seconds and releases the data directory', async () => {
    const login = await request(false, new URL(`${base}/api/v1/auth/login`), { method: 'POST', body: ADMIN });
    expect(login.status, login.body).toBe(200);
    const auth = { authorization: `Bearer ${JSON.parse(login.body!).token}` };

    // Keep-alive connections, as browsers and API clients use them.
    const agent = new http.Agent({ keepAlive: true });
    const n = 12;
    const inFlight = Array.from({ length: n }, (_, i) => {
      const headers = { ...auth, 'x-request-id': `grace-${i}` };
      return i % 3 === 2
        ? request(agent, new URL(`${base}/api/v1/users?limit=5`), { headers })
        : request(agent, new URL(`${base}/api/v1/users`), {
            method: 'POST',
            headers,
            body: {
              email: `grace-${i}@oobc.example`,
              name: `Grace ${i}`,
              password: 'a-long-password',
              role: 'staff',
            },
          });
    });
    // Wait until the server has accepted all of them (it logs each one as it arrives), then stop it.
    const accepted = () =>
      server
        .output()
        .split('\n')
        .filter((l) => l.includes('"incoming request"') && /"reqId":"grace-\d+"/.test(l)).length;
    const until = Date.now() + 10_000;
    while (accepted() < n && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(accepted()).toBe(n);
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');

    // Newcomers after the signal are refused or answered in full (503 once closing), never left hanging.
    const late = await Promise.all(
      Array.from({ length: 4 }, () =>
        request(false, new URL(`${base}/api/v1/users?limit=1`), { headers: auth }),
      ),
    );
    for (const a of late) {
      if (a.status === undefined) {
        expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(a.error);
      } else {
        expect(a.complete).toBe(true);
        // 200 when it got in before the server saw the signal (delivery is asynchronous).
        expect([200, 503]).toContain(a.status);
      }
    }

    const answers = await Promise.all(inFlight);
    for (const [i, a] of answers.entries()) {
      expect(a.error, `request ${i}: ${a.error}`).toBeUndefined();
      expect(a.complete).toBe(true);
      expect(a.status).toBe(i % 3 === 2 ? 200 : 201);
      expect(() => JSON.parse(a.body!)).not.toThrow();
    }
    // The signal really came while requests were still being worked on.
    expect(answers.some((a) => a.endedAt > sigtermAt)).toBe(true);

    const exit = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(() => r('still running'), 10_000)),
    ]);
    const tookMs = Date.now() - sigtermAt;
    agent.destroy();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(5_000);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    expect(existsSync(path.join(dataDir, 'kalendaryo.lock'))).toBe(false);

    // Every creation that was answered 201 is in the database.
    const created = answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.body!).email as string);
    expect(created).toHaveLength(8);
    expect(await listedEmails()).toEqual([ADMIN.email, ...created].sort());
  });
});
