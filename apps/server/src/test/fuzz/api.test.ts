import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Role } from '@kalendaryo/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildUser, type Who } from '../factories';
import { createTestApp, type TestApp } from '../server';
import {
  forgedCursor,
  hostileString,
  idKind,
  type Pools,
  paths,
  type Schema,
  setAt,
  valid,
  wrongValue,
} from './arbitraries';

/**
 * Schema-driven fuzzing of the whole HTTP API: every operation of `GET /api/openapi.json`, as every
 * role, with requests of the right shape (naming real users, items, bookings, resources and
 * participants, so they reach the services) and mutated ones. No request may be answered with a
 * 5xx, every 4xx is a problem with a `code`, no request may take longer than the budget, and
 * `/api/health`, asked over real HTTP all along, must keep answering.
 *
 * A failure names its operation, seed and request; `KALENDARYO_FUZZ_SEED=<seed>` replays a run and
 * `KALENDARYO_FUZZ_RUNS=<n>` runs more cases per operation.
 */

const SEED = Number(process.env.KALENDARYO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.KALENDARYO_FUZZ_RUNS ?? 24);
/** Generous: a request this slow means a stall, not a busy machine. */
const BUDGET_MS = 3000;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Actor = Role | 'anonymous';
const ACTORS: Actor[] = ['admin', 'coordinator', 'staff', 'viewer', 'anonymous'];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: Method;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  binary: boolean;
}
interface FuzzRequest {
  actor: Actor;
  url: string;
  payload?: unknown;
  raw?: { body: string; contentType: string };
  note: string;
}

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR + h * HOUR).toISOString();

let t: TestApp;
let base: string;
const who = new Map<Actor, Who & { passwordHash: string; email: string }>();
const pools: Pools = { ids: {}, strings: {} };
let operations: Operation[] = [];

async function call(actor: Actor, method: Method, url: string, payload?: unknown) {
  const headers = actor === 'anonymous' ? {} : who.get(actor)!.headers;
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function create(
  actor: Actor,
  url: string,
  payload: unknown,
  pool: string,
): Promise<Record<string, unknown>> {
  const res = await call(actor, 'POST', url, payload);
  if (res.statusCode >= 300) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
  const body = res.json() as Record<string, unknown>;
  pools.ids[pool] = [...(pools.ids[pool] ?? []), body.id as string];
  return body;
}

/** Real things for the requests to name: users, calendars, items of each kind, resources, bookings… */
async function seed() {
  for (const role of ['admin', 'coordinator', 'staff', 'viewer'] as const) {
    const user = await buildUser(t.db, { role });
    const row = await t.db.query<{ password_hash: string }>('select password_hash from users where id = $1', [
      user.id,
    ]);
    who.set(role, {
      user,
      headers: await bearerFor(t.app, user),
      passwordHash: row.rows[0]!.password_hash,
      email: user.email,
    });
  }
  const others = [await buildUser(t.db, { role: 'staff' }), await buildUser(t.db, { role: 'viewer' })];
  pools.ids.users = [...[...who.values()].map((w) => w.user.id), ...others.map((u) => u.id)];

  await create('coordinator', '/api/v1/calendars', { name: 'Field work', color: '#336699' }, 'calendars');
  await create(
    'admin',
    '/api/v1/communities',
    { name: 'Barangay Poblacion', region: 'BARMM' },
    'communities',
  );
  const calendarId = pools.ids.calendars![0];
  const event = await create(
    'coordinator',
    '/api/v1/items',
    { kind: 'event', title: 'Dialogue', start: inHours(-1), end: inHours(1), timeZone: 'UTC', calendarId },
    'items',
  );
  const series = await create(
    'staff',
    '/api/v1/items',
    {
      kind: 'engagement',
      title: 'Weekly check-in',
      start: inHours(24),
      end: inHours(25),
      timeZone: 'UTC',
      rrule: 'FREQ=WEEKLY;COUNT=10',
    },
    'items',
  );
  await create(
    'staff',
    '/api/v1/items',
    {
      kind: 'leave',
      title: 'Sick leave',
      start: inHours(48).slice(0, 10),
      end: inHours(72).slice(0, 10),
      allDay: true,
      details: { leaveType: 'sick' },
    },
    'items',
  );
  await create(
    'coordinator',
    '/api/v1/items',
    {
      kind: 'task',
      title: 'Report',
      start: inHours(2),
      end: inHours(3),
      details: { assigneeId: who.get('staff')!.user.id },
    },
    'items',
  );
  const room = await create(
    'admin',
    '/api/v1/resources',
    { name: 'Hall', type: 'room', capacity: 30 },
    'resources',
  );
  await create('admin', '/api/v1/resources', { name: 'Van', type: 'vehicle' }, 'resources');
  await create(
    'staff',
    '/api/v1/bookings',
    { resourceId: room.id, start: inHours(30), end: inHours(32), purpose: 'Meeting' },
    'bookings',
  );
  await create(
    'coordinator',
    '/api/v1/bookings',
    { resourceId: room.id, start: inHours(50), end: inHours(51), purpose: 'Training', itemId: event.id },
    'bookings',
  );
  await create(
    'coordinator',
    `/api/v1/items/${event.id}/participants`,
    { userId: who.get('staff')!.user.id },
    'participants',
  );
  await create(
    'coordinator',
    `/api/v1/items/${event.id}/participants`,
    { guest: { name: 'Guest' } },
    'participants',
  );
  await create('staff', `/api/v1/items/${series.id}/participants`, { userId: others[0]!.id }, 'participants');

  // Real strings: cursors of every list (each a forged cursor for the others), check-in codes, occurrences.
  const cursors: string[] = [];
  for (const list of ['users', 'communities', 'items', 'resources', 'bookings', 'people']) {
    const res = await call('admin', 'GET', `/api/v1/${list}?limit=1`);
    const next = (res.json() as { nextCursor?: string | null }).nextCursor;
    if (next) cursors.push(next);
  }
  pools.strings.cursor = cursors;
  const code = await call('coordinator', 'GET', `/api/v1/items/${event.id}/check-in-code`);
  pools.strings.token = [(code.json() as { token: string }).token];
  pools.strings.occurrence = [String(series.dtstart).slice(0, 19)];
}

/** The operations of the OpenAPI document, reads first and the ones that end sessions last. */
function readOperations(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      // Event streams answer forever; notifications.stream.test.ts drives them over real HTTP.
      if (path.endsWith('/stream')) continue;
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)
        ?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase() as Method,
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        ...(body ? { body } : {}),
        binary: /\.(png|svg)$/.test(path) || path.endsWith('/attendance'),
      });
    }
  }
  const rank = (o: Operation) =>
    /\/auth\/(logout|session)$/.test(o.path) && o.method !== 'POST'
      ? 9
      : ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].indexOf(o.method);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** The pool a path parameter's uuid comes from: `/users/{id}` names users, `/items/{id}` items… */
function pathIdKind(op: Operation, name: string): string | undefined {
  if (name !== 'id') return idKind(name);
  const area = /^\/api\/v1\/([a-z]+)\//.exec(op.path)?.[1];
  return area;
}

function paramArb(p: Parameter): fc.Arbitrary<unknown> {
  if (p.name === 'cursor') return fc.oneof(fc.constantFrom(...(pools.strings.cursor ?? ['x'])), forgedCursor);
  return valid(p.schema, pools, p.name);
}

interface ShapedRequest {
  actor: Actor;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

/** A request of the right shape for `op`. */
function validRequest(op: Operation): fc.Arbitrary<ShapedRequest> {
  const pathModel: Record<string, fc.Arbitrary<unknown>> = {};
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredQuery: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') pathModel[p.name] = poolFor(op, p);
    if (p.in === 'query') {
      queryModel[p.name] = paramArb(p);
      if (p.required) requiredQuery.push(p.name);
    }
  }
  return fc.record({
    actor: fc.constantFrom(...ACTORS),
    path: fc.record(pathModel) as fc.Arbitrary<Record<string, string>>,
    query: fc.record(queryModel, { requiredKeys: requiredQuery }),
    body: op.body ? valid(op.body, pools) : fc.constant(undefined),
  });
}

/** Path ids: mostly real ids of the right kind, sometimes of another kind or unknown. */
function poolFor(op: Operation, p: Parameter): fc.Arbitrary<string> {
  const kind = pathIdKind(op, p.name);
  const own = (kind && pools.ids[kind]) || [];
  const all = Object.values(pools.ids).flat();
  return fc.oneof(
    { arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid(), weight: 6 },
    { arbitrary: fc.constantFrom(...all), weight: 1 },
    { arbitrary: fc.uuid(), weight: 1 },
  );
}

/** encodeURIComponent that writes a lone surrogate as the bytes of invalid UTF-8 (`%ED%A0%80`). */
const enc = (s: string): string =>
  Array.from(s, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');

const encodeQuery = (query: Record<string, unknown>): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) parts.push(`${enc(k)}=${enc(typeof x === 'string' ? x : shown(x, 5000))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
};

const urlOf = (op: Operation, path: Record<string, string>, query: Record<string, unknown>) =>
  op.path.replace(/\{(\w+)\}/g, (_, name: string) => enc(path[name] ?? '')) + encodeQuery(query);

const MUTATIONS = [
  'body-replace',
  'body-remove',
  'body-extra',
  'path',
  'query',
  'query-repeat',
  'raw',
] as const;

const rawBodies = fc.oneof(
  fc.constantFrom(
    { body: '{', contentType: 'application/json' },
    { body: '', contentType: 'application/json' },
    { body: 'null', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"text"', contentType: 'application/json' },
    { body: '{"a":1}', contentType: 'text/plain' },
    { body: '<x/>', contentType: 'application/xml' },
    { body: '{"a":"\\u0000"}', contentType: 'application/json' },
    { body: '{"a":"\\ud800"}', contentType: 'application/json' },
    { body: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
    { body: '1e999999', contentType: 'application/json' },
    { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { body: '{}', contentType: 'application/json; charset=latin1' },
  ),
  fc
    .constantFrom(2000, 20000)
    .map((d) => ({ body: '['.repeat(d) + ']'.repeat(d), contentType: 'application/json' })),
  fc.constant({ body: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' }),
);

/** A request for `op`: of the right shape, or with one mutation. */
function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const shaped = validRequest(op);
  const plain = shaped.map(({ actor, path, query, body }) => ({
    actor,
    url: urlOf(op, path, query),
    ...(body === undefined ? {} : { payload: body }),
    note: 'valid-shaped',
  }));
  const mutated = fc
    .tuple(shaped, fc.constantFrom(...MUTATIONS), fc.nat(), wrongValue, hostileString, rawBodies)
    .map(([shapedReq, mutation, pick, wrong, hostile, raw]) =>
      mutate(op, shapedReq, mutation, pick, wrong, hostile, raw),
    );
  return fc.oneof({ arbitrary: plain, weight: 2 }, { arbitrary: mutated, weight: 3 });
}

/** `request` with one `mutation`; `pick` chooses the field, `wrong`, `hostile` and `raw` the value. */
function mutate(
  op: Operation,
  { actor, path, query, body }: ShapedRequest,
  mutation: (typeof MUTATIONS)[number],
  pick: number,
  wrong: unknown,
  hostile: string,
  raw: { body: string; contentType: string },
): FuzzRequest {
  const bodyPaths = paths(body);
  const at = bodyPaths[pick % bodyPaths.length] ?? [];
  const pathNames = Object.keys(path);
  const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  switch (mutation) {
    case 'body-replace':
      return {
        actor,
        url: urlOf(op, path, query),
        payload: setAt(body ?? {}, at, wrong),
        note: `${mutation} ${at.join('.')}`,
      };
    case 'body-remove':
      return at.length
        ? {
            actor,
            url: urlOf(op, path, query),
            payload: setAt(body, at, undefined),
            note: `${mutation} ${at.join('.')}`,
          }
        : { actor, url: urlOf(op, path, query), note: `${mutation} (no body)` };
    case 'body-extra':
      return {
        actor,
        url: urlOf(op, path, query),
        payload:
          body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [hostile]: wrong } : wrong,
        note: mutation,
      };
    case 'path': {
      const name = pathNames[pick % Math.max(1, pathNames.length)];
      const p = name ? { ...path, [name]: hostile } : path;
      return {
        actor,
        url: urlOf(op, p, query),
        ...(body === undefined ? {} : { payload: body }),
        note: `${mutation} ${name}`,
      };
    }
    case 'query':
    case 'query-repeat': {
      const name = queryNames[pick % Math.max(1, queryNames.length)] ?? hostile;
      const value =
        mutation === 'query-repeat'
          ? [query[name] ?? 'a', hostile]
          : name === 'cursor'
            ? ((pick % 2 ? hostile : undefined) ?? 'x')
            : typeof wrong === 'string'
              ? wrong
              : pick % 3 === 0
                ? shown(wrong, 5000)
                : hostile;
      return {
        actor,
        url: urlOf(op, path, { ...query, [name]: value }),
        ...(body === undefined ? {} : { payload: body }),
        note: `${mutation} ${name}`,
      };
    }
    case 'raw':
      return {
        actor,
        url: urlOf(op, path, query),
        raw,
        note: `raw ${raw.contentType} ${raw.body.slice(0, 40)}`,
      };
  }
}

/** How many requests of each operation succeeded: those that never do only test validation. */
const succeeded = new Map<string, number>();

/** Checks one answer; returns what is wrong with it, or null. */
async function probe(op: Operation, req: FuzzRequest): Promise<string | null> {
  const headers: Record<string, string> = actorHeaders(req.actor);
  const started = performance.now();
  const res = await t.app.inject({
    method: op.method,
    url: req.url,
    // Fuzzed sign-ins spend the throttle of their own address, not the one that restores sessions.
    remoteAddress: '192.0.2.7',
    headers: req.raw ? { ...headers, 'content-type': req.raw.contentType } : headers,
    ...(req.raw
      ? { payload: req.raw.body }
      : req.payload === undefined
        ? {}
        : { payload: req.payload as object }),
  });
  const ms = performance.now() - started;
  const key = `${op.method} ${op.path}`;
  if (res.statusCode < 300) succeeded.set(key, (succeeded.get(key) ?? 0) + 1);
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (ms > BUDGET_MS) return `took ${Math.round(ms)} ms (budget ${BUDGET_MS} ms)`;
  if (res.statusCode >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) return `${res.statusCode} is not a problem (${type})`;
    const code = (res.json() as { code?: unknown }).code;
    if (typeof code !== 'string' || !code)
      return `${res.statusCode} problem without a code: ${res.body.slice(0, 200)}`;
  }
  return null;
}

/** A request body for a failure message: short, and safe for values nested thousands deep. */
const shown = (v: unknown, max = 300): string => {
  try {
    return String(JSON.stringify(v)).slice(0, max);
  } catch {
    return '(too deep to print)';
  }
};

const actorHeaders = (actor: Actor): Record<string, string> =>
  actor === 'anonymous' ? {} : { ...who.get(actor)!.headers };

/**
 * Puts the signed-in users back as they were: a fuzzed request may rename one, change its role,
 * deactivate it or end its session, and the next operation needs every role signed in.
 */
async function restoreActors() {
  for (const [role, w] of who) {
    if (role === 'anonymous') continue;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: w.headers });
    const ok = me.statusCode === 200 && (me.json() as { role?: string }).role === role;
    if (ok) continue;
    await t.db.query(
      'update users set role = $2, active = true, email = $3, password_hash = $4 where id = $1',
      [w.user.id, role, w.email, w.passwordHash],
    );
    w.headers = await bearerFor(t.app, { email: w.email });
  }
}

describe('the HTTP API under fuzzed requests', () => {
  const health = { answered: 0, failed: [] as string[], maxMs: 0 };
  let stopHealth = () => {};
  let healthLoop: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    t = await createTestApp({ rateLimitPerMinute: 0 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    await seed();
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    operations = readOperations(doc.json());
    // The side loop: /api/health over real HTTP, every 100 ms, for as long as the fuzzer runs.
    let running = true;
    stopHealth = () => {
      running = false;
    };
    healthLoop = (async () => {
      while (running) {
        const started = performance.now();
        try {
          const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) });
          await res.text();
          if (res.status === 200) health.answered++;
          else health.failed.push(`status ${res.status}`);
        } catch (e) {
          health.failed.push(String(e));
        }
        health.maxMs = Math.max(health.maxMs, performance.now() - started);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  });

  afterAll(async () => {
    stopHealth();
    await healthLoop;
    await t?.close();
  });

  it('answers every operation, as every role, without a 5xx or a stall', async () => {
    console.info(`API fuzz: seed ${SEED}, ${RUNS} runs per operation, ${operations.length} operations`);
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let requests = 0;
    for (const [i, op] of operations.entries()) {
      const seed = SEED + i;
      const result = await fc.check(
        fc.asyncProperty(requestArb(op), async (req) => {
          requests++;
          const wrong = await probe(op, req);
          if (wrong) throw new Error(`${wrong} [${req.note}] as ${req.actor}`);
        }),
        { numRuns: RUNS, seed, endOnFailure: true },
      );
      if (result.failed) {
        const req = result.counterexample?.[0] as FuzzRequest | undefined;
        failures.push(
          `${op.method} ${op.path} (seed ${seed}): ${String(result.errorInstance).slice(0, 400)}\n    ${op.method} ${req?.url.slice(0, 300)} ${shown(req?.raw ?? req?.payload ?? null)}`,
        );
      }
      await restoreActors();
    }
    console.info(
      `API fuzz: ${requests} requests; /api/health answered ${health.answered} times, slowest ${Math.round(health.maxMs)} ms`,
    );
    const neverPassed = operations.map((o) => `${o.method} ${o.path}`).filter((k) => !succeeded.has(k));
    console.info(`API fuzz: operations that never answered 2xx: ${neverPassed.join(', ') || 'none'}`);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);

  it('kept answering /api/health over HTTP while the fuzzer ran', () => {
    expect(health.failed).toEqual([]);
    expect(health.answered).toBeGreaterThan(0);
  });
});
