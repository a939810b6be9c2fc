import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config';
import { createTestDb, type TestDb } from '../test/db';
import { buildUser, TEST_PASSWORD } from '../test/factories';
import { freePort } from '../test/process';
import { createTestApp, type TestApp } from '../test/server';
import { buildApp } from './app';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** A client like the one `serve` makes from REDIS_URL. */
const redisClient = (url: string) => {
  const r = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
  });
  r.on('error', () => {});
  return r;
};

const redisReachable = await (async () => {
  const r = redisClient(REDIS_URL);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
})();

/** An address of our own, so counters of other runs (or files) sharing Redis never meet ours. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const loginFrom = async (app: FastifyInstance, email: string, remoteAddress = someAddress()) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token as string}` };
};

const me = (app: FastifyInstance, headers: Record<string, string>) =>
  app.inject({ url: '/api/v1/auth/me', headers });

describe('a limit of 5 requests per minute (KALENDARYO_RATE_LIMIT=5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t?.close());

  it('answers the 6th request of a user 429 request.rate_limited with Retry-After; another user is unaffected', async () => {
    const [amina, ben] = [await buildUser(t.db), await buildUser(t.db)];
    const a = await loginFrom(t.app, amina.email);
    const b = await loginFrom(t.app, ben.email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await me(t.app, a)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const limited = await me(t.app, a);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'request.rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
    // Still limited on other routes and with another token of the same user: the budget is the user's.
    expect((await t.app.inject({ url: `/api/v1/users/${amina.id}`, headers: a })).statusCode).toBe(429);

    expect((await me(t.app, b)).statusCode).toBe(200);
    // The health check (load balancers, monitoring) is never limited.
    const health = await Promise.all(Array.from({ length: 10 }, () => t.app.inject({ url: '/api/health' })));
    expect(health.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
  });

  it('counts anonymous callers per address', async () => {
    const ip = someAddress();
    // A different account each time, so the sign-in throttle of one account never answers first.
    let n = 0;
    const attempt = (remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `nobody${n++}@oobc.example`, password: 'wrong-password' },
        remoteAddress,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await attempt(ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('request.rate_limited');
    expect((await attempt(someAddress())).statusCode).toBe(401);
  });

  it('counts requests with a bogus bearer token, or none, against the address', async () => {
    const ip = someAddress();
    const bogus = (i: number) =>
      t.app.inject({
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer kal_made-up-token-number-${i}` },
        remoteAddress: ip,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await bogus(i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await bogus(5);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('request.rate_limited');
    // The same address without any token is the same caller.
    const anonymous = await t.app.inject({ url: '/api/v1/users', remoteAddress: ip });
    expect(anonymous.statusCode).toBe(429);

    const other = someAddress();
    const unsigned: number[] = [];
    for (let i = 0; i < 6; i++)
      unsigned.push((await t.app.inject({ url: '/api/v1/calendars', remoteAddress: other })).statusCode);
    expect(unsigned).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('no limit (KALENDARYO_RATE_LIMIT=0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 0 });
  });
  afterAll(() => t?.close());

  it('never answers 429', async () => {
    const user = await buildUser(t.db);
    const headers = await loginFrom(t.app, user.email);
    const all = await Promise.all(Array.from({ length: 60 }, () => me(t.app, headers)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(60).fill(200));
    expect(all[0]!.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('the default limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('lets a burst of 500 concurrent authenticated requests through', async () => {
    expect(t.config.rateLimitPerMinute).toBe(loadConfig({}).rateLimitPerMinute);
    const user = await buildUser(t.db);
    const headers = await loginFrom(t.app, user.email);
    const all = await Promise.all(Array.from({ length: 500 }, () => me(t.app, headers)));
    const statuses = new Map<number, number>();
    for (const r of all) statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 500 });
    expect(Math.min(...all.map((r) => Number(r.headers['x-ratelimit-remaining'])))).toBe(
      t.config.rateLimitPerMinute - 500,
    );
  });
});

describe('Redis that cannot be reached', () => {
  let testDb: TestDb;
  let app: FastifyInstance;
  let redis: Redis;
  beforeAll(async () => {
    testDb = await createTestDb();
    const port = await freePort();
    redis = redisClient(`redis://127.0.0.1:${port}`);
    await redis.connect().catch(() => {});
    app = await buildApp({
      db: testDb.db,
      config: { ...loadConfig({}), passwordCost: 10, rateLimitPerMinute: 5 },
      redis,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
    await testDb?.close();
  });

  it('does not fail requests', async () => {
    const user = await buildUser(testDb.db);
    const headers = await loginFrom(app, user.email);
    const all = await Promise.all(Array.from({ length: 3 }, () => me(app, headers)));
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const health = await app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().checks).toEqual({ database: 'up', redis: 'down', mail: 'off' });
  });
});

describe.skipIf(!redisReachable)(
  `two servers sharing one database and Redis${redisReachable ? '' : ` (skipped: no Redis at ${REDIS_URL})`}`,
  () => {
    let testDb: TestDb;
    const clients: Redis[] = [];
    const apps: FastifyInstance[] = [];
    const ownKeys: string[] = [];

    beforeAll(async () => {
      testDb = await createTestDb();
      const config: Config = { ...loadConfig({}), passwordCost: 10, rateLimitPerMinute: 5 };
      for (let i = 0; i < 2; i++) {
        const redis = redisClient(REDIS_URL);
        await redis.connect();
        clients.push(redis);
        const app = await buildApp({ db: testDb.db, config, redis });
        await app.ready();
        apps.push(app);
      }
    });
    afterAll(async () => {
      if (ownKeys.length) await clients[0]?.del(...ownKeys);
      for (const app of apps) await app.close();
      for (const r of clients) r.disconnect();
      await testDb?.close();
    });

    it('share one budget per user', async () => {
      const [one, two] = apps as [FastifyInstance, FastifyInstance];
      const [amina, ben] = [await buildUser(testDb.db), await buildUser(testDb.db)];
      const loginAddress = someAddress();
      ownKeys.push(
        `kalendaryo-rl:u:${amina.id}`,
        `kalendaryo-rl:u:${ben.id}`,
        `kalendaryo-rl:ip:${loginAddress}`,
      );
      const a = await loginFrom(one, amina.email, loginAddress);
      const b = await loginFrom(two, ben.email, loginAddress);

      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await me(i % 2 ? two : one, a)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      for (const app of [one, two]) {
        const limited = await me(app, a);
        expect(limited.statusCode).toBe(429);
        expect(limited.json().code).toBe('request.rate_limited');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
      // The counter lives in Redis, under the plugin's namespace, and expires with the window.
      const ttl = await clients[0]!.pttl(`kalendaryo-rl:u:${amina.id}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);

      expect((await me(one, b)).statusCode).toBe(200);
      expect((await me(two, b)).statusCode).toBe(200);
    });
  },
);
