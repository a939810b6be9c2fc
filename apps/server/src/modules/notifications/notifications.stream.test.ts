import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { createTestDb, type TestDb } from '../../test/db';
import { bearerFor, buildUser, TEST_PASSWORD } from '../../test/factories';
import { type LiveHub, openLiveHub } from './live';
import { notify } from './outbox';
import { DeliveryWorker } from './worker';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisClient = () => {
  const r = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  return r;
};
const redisReachable = await (async () => {
  const r = redisClient();
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
})();

interface SseEvent {
  event: string;
  data: unknown;
}

/** A real HTTP connection to the inbox stream, its events parsed as a browser's EventSource would. */
function openStream(base: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  const waiters: { event: string; seen: number; resolve: (e: SseEvent) => void }[] = [];
  let buffer = '';
  const wake = () => {
    for (const w of [...waiters]) {
      const match = events.filter((e) => e.event === w.event)[w.seen];
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(`${base}/api/v1/notifications/stream`, { headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          end = buffer.indexOf('\n\n');
        }
        wake();
      });
      resolve(res);
    });
    req.on('error', reject);
  });
  const counts = new Map<string, number>();
  return {
    response,
    events,
    /** The next event of this name not yet taken. */
    next(event: string): Promise<SseEvent> {
      const seen = counts.get(event) ?? 0;
      counts.set(event, seen + 1);
      return new Promise((resolve) => {
        waiters.push({ event, seen, resolve });
        wake();
      });
    },
    ended: response.then((res) => new Promise<void>((resolve) => res.on('close', () => resolve()))),
    close: async () => (await response).destroy(),
  };
}

async function listening(db: TestDb['db'], live: LiveHub, redis: Redis | null = null) {
  const config: Config = { ...loadConfig({}), passwordCost: 10 };
  const app = await buildApp({ db, config, live, redis });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, base: `http://127.0.0.1:${port}` };
}

const note = (recipientId: string, title: string) => ({
  recipientId,
  type: 'booking.requested' as const,
  title,
  body: 'Norhana asks for Van 1 on Tue 8 Dec, 09:00–12:00.',
  path: '/approvals',
});

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('the inbox stream (Server-Sent Events over real HTTP)', () => {
  let app: FastifyInstance;
  let base: string;
  let live: LiveHub;
  beforeAll(async () => {
    live = await openLiveHub(null);
    ({ app, base } = await listening(t.db, live));
  });
  afterAll(() => app.close());

  const workerOn = (hub: LiveHub) =>
    new DeliveryWorker({ db: t.db, channels: [], live: hub, publicUrl: 'http://127.0.0.1' });

  it('sends the unread count on connect, each message as it is delivered, and the count after reading', async () => {
    const approver = await buildUser(t.db, { role: 'coordinator' });
    const headers = await bearerFor(app, approver);
    const stream = openStream(base, headers);
    const res = await stream.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect((await stream.next('unread')).data).toEqual({ unread: 0 });

    await notify(t.db, [note(approver.id, 'Van 1 requested')]);
    await workerOn(live).runOnce();
    const arrived = await stream.next('notification');
    expect(arrived.data).toMatchObject({ title: 'Van 1 requested', type: 'booking.requested', readAt: null });
    expect((await stream.next('unread')).data).toEqual({ unread: 1 });

    const id = (arrived.data as { id: string }).id;
    const read = await app.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read`, headers });
    expect(read.statusCode).toBe(200);
    expect((await stream.next('unread')).data).toEqual({ unread: 0 });
    await stream.close();
  });

  it('accepts the web app’s session cookie, and refuses anonymous callers with a problem', async () => {
    const person = await buildUser(t.db);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: person.email, password: TEST_PASSWORD },
    });
    const cookie = String(signIn.headers['set-cookie'])
      .split(/,(?=\s*\w+=)/)
      .map((c) => c.split(';')[0]!.trim())
      .join('; ');
    const stream = openStream(base, { cookie });
    expect((await stream.next('unread')).data).toEqual({ unread: 0 });
    await stream.close();
    const anonymous = await fetch(`${base}/api/v1/notifications/stream`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('auth.required');
  });

  it('does not show one person’s messages on another’s stream', async () => {
    const [a, b] = [await buildUser(t.db), await buildUser(t.db)];
    const streamB = openStream(base, await bearerFor(app, b));
    await streamB.next('unread');
    await notify(t.db, [note(a.id, 'for A only'), note(b.id, 'for B')]);
    await workerOn(live).runOnce();
    expect((await streamB.next('notification')).data).toMatchObject({ title: 'for B' });
    expect(streamB.events.filter((e) => e.event === 'notification')).toHaveLength(1);
    await streamB.close();
  });

  it('ends open streams when the server closes, so a graceful stop does not wait for browsers', async () => {
    const hub = await openLiveHub(null);
    const own = await listening(t.db, hub);
    const person = await buildUser(t.db);
    const stream = openStream(own.base, await bearerFor(own.app, person));
    await stream.next('unread');
    await own.app.close();
    await stream.ended;
  });
});

describe.skipIf(!redisReachable)(
  `across two app servers through Redis${redisReachable ? '' : ` (skipped: no Redis at ${REDIS_URL})`}`,
  () => {
    const clients: Redis[] = [];
    const hubs: LiveHub[] = [];
    const apps: FastifyInstance[] = [];
    const bases: string[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        const redis = redisClient();
        await redis.connect();
        clients.push(redis);
        const hub = await openLiveHub(redis);
        hubs.push(hub);
        const { app, base } = await listening(t.db, hub, redis);
        apps.push(app);
        bases.push(base);
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const hub of hubs) await hub.close();
      for (const r of clients) r.disconnect();
    });

    it('a message sent by the worker of one server reaches a stream open on the other', async () => {
      const person = await buildUser(t.db);
      const stream = openStream(bases[1]!, await bearerFor(apps[1]!, person));
      await stream.next('unread');
      // The subscriber of the first server's hub is connected before anything is published.
      await notify(t.db, [note(person.id, 'crossed servers')]);
      await new DeliveryWorker({
        db: t.db,
        channels: [],
        live: hubs[0]!,
        publicUrl: 'http://127.0.0.1',
      }).runOnce();
      expect((await stream.next('notification')).data).toMatchObject({ title: 'crossed servers' });
      expect((await stream.next('unread')).data).toEqual({ unread: 1 });
      await stream.close();
    });
  },
);
