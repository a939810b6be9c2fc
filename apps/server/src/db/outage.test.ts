import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildApp } from '../http/app';
import { createTestDb, type TestDb } from '../test/db';
import { bearerFor, buildUser } from '../test/factories';
import { type Db, openPostgres } from './client';

/**
 * A TCP proxy in front of the PostgreSQL server that can be taken down — listener closed and
 * every open connection cut, as when the server or the network goes away — and brought back.
 */
class Outage {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async up() {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(a);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.sockets.delete(a);
          b.destroy();
        });
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down() {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const enabled = !!process.env.DATABASE_URL;

(enabled ? describe : describe.skip)(
  `a PostgreSQL outage${enabled ? '' : ' (skipped: set DATABASE_URL to run it against the PostgreSQL server)'}`,
  () => {
    let testDb: TestDb;
    let outage: Outage;
    let db: Db;
    let app: FastifyInstance;
    let headers: Record<string, string>;

    beforeAll(async () => {
      testDb = await createTestDb();
      const url = new URL(testDb.url!);
      outage = new Outage({ host: url.hostname, port: Number(url.port || 5432) });
      await outage.up();
      url.port = String(outage.port);
      // As `serve` opens it (connect timeout 1 s), but through the proxy.
      db = openPostgres(url.toString());
      app = await buildApp({ db, config: { ...loadConfig({}), passwordCost: 10 } });
      await app.ready();
      const admin = await buildUser(testDb.db, { role: 'admin' });
      headers = await bearerFor(app, admin);
      // Several pooled connections are open and idle when the outage begins.
      const warm = await Promise.all(
        Array.from({ length: 5 }, () => app.inject({ url: '/api/v1/users', headers })),
      );
      expect(warm.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    });

    afterAll(async () => {
      await app?.close();
      await outage?.down();
      await db?.close().catch(() => {});
      await testDb?.close();
    });

    const timed = async (run: () => Promise<{ statusCode: number; json(): Record<string, unknown> }>) => {
      const started = performance.now();
      const res = await run();
      return { res, ms: performance.now() - started };
    };

    it('answers 503 database.unavailable within a second while the database is unreachable, and writes nothing', async () => {
      await outage.down();
      const reads = await timed(() => app.inject({ url: '/api/v1/users', headers }));
      expect(reads.res.statusCode).toBe(503);
      expect(reads.res.json()).toMatchObject({ status: 503, code: 'database.unavailable' });
      expect(reads.ms).toBeLessThan(1500);

      const write = await timed(() =>
        app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers,
          payload: {
            email: 'during-outage@oobc.example',
            name: 'During',
            password: 'a-long-password',
            role: 'staff',
          },
        }),
      );
      expect(write.res.statusCode).toBe(503);
      expect(write.res.json().code).toBe('database.unavailable');
      expect(write.ms).toBeLessThan(1500);

      // Concurrent callers all get the same quick answer, not a pile-up.
      const burst = await timed(async () => {
        const all = await Promise.all(
          Array.from({ length: 10 }, () => app.inject({ url: '/api/v1/auth/me', headers })),
        );
        expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(503));
        return all[0]!;
      });
      expect(burst.ms).toBeLessThan(1500);
      // The direct connection still works: the users table has no trace of the refused write.
      const found = await testDb.db.query('select 1 from users where email = $1', [
        'during-outage@oobc.example',
      ]);
      expect(found.rowCount).toBe(0);
    });

    it('reports the database down on GET /api/health', async () => {
      const health = await timed(() => app.inject({ url: '/api/health' }));
      expect(health.res.statusCode).toBe(503);
      expect(health.res.json()).toMatchObject({
        status: 'unavailable',
        database: 'postgresql',
        checks: { database: 'down' },
      });
      expect(health.ms).toBeLessThan(1500);
    });

    it('serves again once the database is back, without rebuilding the app', async () => {
      await outage.up(); // the same port
      const started = performance.now();
      let status = 0;
      while (performance.now() - started < 10_000) {
        status = (await app.inject({ url: '/api/v1/users', headers })).statusCode;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect(performance.now() - started).toBeLessThan(5_000);

      const health = await app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json().checks.database).toBe('up');
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers,
        payload: {
          email: 'after-outage@oobc.example',
          name: 'After',
          password: 'a-long-password',
          role: 'staff',
        },
      });
      expect(created.statusCode).toBe(201);
      // Every request now succeeds: no dead connection is left in the pool.
      const all = await Promise.all(
        Array.from({ length: 20 }, () => app.inject({ url: '/api/v1/auth/me', headers })),
      );
      expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    });
  },
);
