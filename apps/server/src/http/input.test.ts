import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createTestDb, type TestDb } from '../test/db';
import { signedInUser, type Who } from '../test/factories';
import { createTestApp, request, type TestApp } from '../test/server';
import { buildApp } from './app';

let t: TestApp;
let amina: Who;
let admin: Who;
beforeAll(async () => {
  t = await createTestApp();
  amina = await signedInUser(t.app, t.db, 'staff');
  admin = await signedInUser(t.app, t.db, 'admin');
});
afterAll(() => t.close());

const meeting = {
  kind: 'event',
  title: 'Coordination meeting',
  start: '2026-03-09T01:00:00Z',
  end: '2026-03-09T02:00:00Z',
  timeZone: 'Asia/Manila',
};

const itemCount = async (title: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from items where title = $1', [title])).rows[0]!
    .n;

describe('control characters and overlong strings', () => {
  it('answers a null byte in the anonymous sign-in email with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"admin\\u0000@oobc.example","password":"whatever it is"}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'request.control_characters', errors: [{ field: 'email' }] });
  });

  it('refuses C0 controls in body values, nested values, keys, the query string and the path', async () => {
    const cases: [string, 'GET' | 'POST', string, unknown, string][] = [
      ['body', 'POST', '/api/v1/items', { ...meeting, title: 'Bell\u0007' }, 'title'],
      ['escape', 'POST', '/api/v1/items', { ...meeting, title: 'Esc\u001b[31m' }, 'title'],
      [
        'nested',
        'POST',
        '/api/v1/items',
        { ...meeting, kind: 'engagement', details: { stakeholders: ['MILG', 'x\u0000'] } },
        'details.stakeholders.1',
      ],
      ['key', 'POST', '/api/v1/items', { ...meeting, 'ti\u0000tle': 'x' }, 'ti\u0000tle'],
      ['query', 'GET', '/api/v1/people?q=%00', undefined, 'q'],
      ['path', 'GET', '/api/v1/items/%00', undefined, 'id'],
    ];
    for (const [what, method, url, payload, field] of cases) {
      const res = await request(t, amina, method, url, payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.json(), what).toMatchObject({ code: 'request.control_characters', errors: [{ field }] });
    }
    expect(await itemCount('Bell\u0007')).toBe(0);
  });

  it('keeps tabs and line breaks in multi-line text, and refuses them in single-line fields', async () => {
    const description = 'Agenda:\n\t1. Budget\r\n\t2. Schedule';
    const res = await request(t, amina, 'POST', '/api/v1/items', {
      ...meeting,
      title: 'Multi-line notes',
      description,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().description).toBe(description);
    const name = await request(t, amina, 'PATCH', '/api/v1/auth/me', { name: 'Amina\nLidasan' });
    expect(name.statusCode).toBe(422);
    expect(name.json().errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('refuses an overlong string even in a field no schema names', async () => {
    const res = await request(t, amina, 'POST', '/api/v1/items', {
      ...meeting,
      title: 'Overlong extra',
      extra: 'x'.repeat(100_001),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'extra' }] });
    expect(await itemCount('Overlong extra')).toBe(0);
  });
});

describe('UTC offsets of instants', () => {
  it('refuses offsets beyond ±14:00 or with minutes of 60 and more, in bodies and queries, with 422/400', async () => {
    for (const offset of ['+99:99', '+14:01', '-14:30', '+15:00', '-12:60', '+05:75']) {
      const title = `Offset ${offset}`;
      const res = await request(t, amina, 'POST', '/api/v1/items', {
        ...meeting,
        title,
        start: `2026-03-09T09:00:00${offset}`,
        end: `2026-03-09T10:00:00${offset}`,
      });
      expect(res.statusCode, offset).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('start');
      expect(await itemCount(title)).toBe(0);
      const feed = await request(
        t,
        amina,
        'GET',
        `/api/v1/calendar?start=${encodeURIComponent(`2026-03-01T00:00:00${offset}`)}&end=2026-04-01T00:00:00Z`,
      );
      expect(feed.statusCode, offset).toBe(400);
    }
  });

  it('accepts the real extremes, +14:00 and -12:00, at the instant they name', async () => {
    const res = await request(t, amina, 'POST', '/api/v1/items', {
      ...meeting,
      title: 'Line Islands',
      start: '2026-03-09T09:00:00+14:00',
      end: '2026-03-09T09:30:00-12:00',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ start: '2026-03-08T19:00:00.000Z', end: '2026-03-09T21:30:00.000Z' });
  });
});

describe('what the error log may hold', () => {
  let db: TestDb;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp({
      db: db.db,
      config: { ...loadConfig({}), passwordCost: 10 },
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    // Statements that fail in the database with values bound, as a faulty service would send them.
    app.get('/api/v1/test/failing-insert', { config: { public: true } }, async () => {
      await db.db.query(
        `insert into users (email, name, role, password_hash) values ($1, $2, 'nobody', $3)`,
        ['leak@oobc.example', 'Leaky Name', 'scrypt$131072$8$1$SECRET-SALT$SECRET-HASH'],
      );
      return {};
    });
    app.get('/api/v1/test/null-byte', { config: { public: true } }, async () => {
      await db.db.query('select $1::text', ['a\u0000b']);
      return {};
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('logs a failing statement without its bound values or the failing row', async () => {
    const res = await app.inject({ url: '/api/v1/test/failing-insert' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('server.internal');
    expect(res.body).not.toContain('SECRET');
    const logged = lines.filter((l) => l.includes('unhandled error'));
    expect(logged).toHaveLength(1);
    const entry = JSON.parse(logged[0]!);
    expect(entry.err.code).toBe('23514');
    expect(entry.err.message).toContain('users');
    for (const line of lines) {
      expect(line).not.toContain('SECRET-HASH');
      expect(line).not.toContain('leak@oobc.example');
      expect(line).not.toContain('Leaky Name');
    }
  });

  it('answers a null byte that reaches the database anyway with 400 and logs no error', async () => {
    const before = lines.length;
    const res = await app.inject({ url: '/api/v1/test/null-byte' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.control_characters');
    expect(lines.slice(before).filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });
});

describe('clean requests', () => {
  it('pass the guard untouched (query with spaces, paging)', async () => {
    const res = await request(t, admin, 'GET', '/api/v1/users?q=test%20user&limit=5');
    expect(res.statusCode).toBe(200);
  });
});
