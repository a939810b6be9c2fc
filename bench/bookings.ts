/**
 * Bookings on PGlite and PostgreSQL: creation throughput and latency with concurrent HTTP clients
 * beside the raw rate of the same INSERT (booking + audit row in one transaction, plain pg); a
 * conflict storm on one resource (every client asks for the same slot at once), through HTTP and
 * through the service without the per-resource lock; availability, free search and utilisation
 * for 200 resources over a month.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import { buildApp } from '../apps/server/src/http/app';
import { createBooking } from '../apps/server/src/modules/bookings/bookings.service';
import type { Actor } from '../apps/server/src/modules/deps';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase, summarize } from './databases';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STORM_ROUNDS = Number(process.env.BENCH_STORM_ROUNDS ?? 20);
const RESOURCES = 200;
const RUNS = 20;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Row = Record<string, string | number>;

/** Runs CLIENTS loops of `request(client, k)` for SECONDS, recording latencies and outcomes. */
async function load(request: (client: number, k: number) => Promise<number>, seconds = SECONDS) {
  const latencies: number[] = [];
  const codes = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let k = 0; performance.now() < end; k++) {
        const t0 = performance.now();
        const code = await request(client, k);
        latencies.push(performance.now() - t0);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  const s = summarize(latencies);
  return { n: latencies.length, rps: latencies.length / seconds, p50: s.median, p99: s.p99, codes };
}

const codesText = (codes: Map<number | string, number>) => [...codes].map(([c, n]) => `${c}×${n}`).join(' ');

async function seedResources(db: Db, prefix: string, n: number) {
  const r = await db.query<{ id: string }>(
    `insert into resources (name, type, capacity) select $1 || lpad(g::text, 3, '0'), 'vehicle', 4 + g % 12
       from generate_series(1, $2::int) g returning id`,
    [prefix, n],
  );
  return r.rows.map((x) => x.id);
}

/** A plain pg pool on the same database as `db` (PostgreSQL only). */
async function plainPool(db: Db) {
  const name = (await db.query<{ d: string }>('select current_database() as d')).rows[0]!.d;
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  return new pg.Pool({ connectionString: url.toString(), max: 20 });
}

async function benchDatabase(
  label: 'pglite' | 'postgresql',
  db: Db,
  rows: Row[],
  storms: Row[],
  reads: Row[],
) {
  const app = await buildApp({ db, config: { ...loadConfig({}), passwordCost: 12, rateLimitPerMinute: 0 } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const email = `bench-bookings-${randomBytes(3).toString('hex')}@oobc.example`;
  const user = await insertUser(db, {
    email,
    name: 'Bench Coordinator',
    role: 'coordinator',
    passwordHash: await hashPassword('bench password', 12),
  });
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const base = Date.now() + DAY;
  const slot = (i: number) => ({
    start: new Date(base + i * HOUR).toISOString(),
    end: new Date(base + (i + 1) * HOUR).toISOString(),
  });
  const post = async (body: object) => {
    const res = await fetch(`${address}/api/v1/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ purpose: 'Bench trip', ...body }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  // 1. Creation over HTTP: each client books its own resource, slot after slot (after a warm-up
  // second on slots far ahead, so JIT and connection set-up are not measured).
  const own = await seedResources(db, 'Own ', CLIENTS);
  await load((c, k) => post({ resourceId: own[c], ...slot(50_000 + k) }), 1);
  const http = await load((c, k) => post({ resourceId: own[c], ...slot(k) }));
  // The same, all clients on one resource (disjoint slots): writers of one resource queue on its lock.
  const shared = (await seedResources(db, 'Shared ', 1))[0]!;
  let next = 0;
  const sharedRun = await load(() => post({ resourceId: shared, ...slot(next++) }));
  // 2. The raw rate of the same write: booking + audit row in one transaction, no HTTP or service.
  const raw = await seedResources(db, 'Raw ', CLIENTS);
  const insert = `insert into bookings (resource_id, requester_id, start_at, end_at, purpose, status)
                  values ($1, $2, $3, $4, 'Bench trip', 'pending') returning id`;
  const audit = `insert into audit_log (actor_id, action, entity_type, entity_id, data)
                 values ($1, 'booking.created', 'booking', $2, $3)`;
  let rawRun: Awaited<ReturnType<typeof load>>;
  if (label === 'postgresql') {
    const pool = await plainPool(db);
    rawRun = await load(async (c, k) => {
      const client = await pool.connect();
      try {
        const s = slot(k);
        await client.query('begin');
        const id = (await client.query(insert, [raw[c], user.id, s.start, s.end])).rows[0].id;
        await client.query(audit, [user.id, id, JSON.stringify({ resourceId: raw[c], ...s })]);
        await client.query('commit');
        return 201;
      } finally {
        client.release();
      }
    });
    await pool.end();
  } else {
    rawRun = await load(async (c, k) => {
      const s = slot(k);
      await db.transaction(async (tx) => {
        const id = (await tx.query<{ id: string }>(insert, [raw[c], user.id, s.start, s.end])).rows[0]!.id;
        await tx.query(audit, [user.id, id, JSON.stringify({ resourceId: raw[c], ...s })]);
      });
      return 201;
    });
  }
  for (const [workload, r] of [
    [`POST /api/v1/bookings, ${CLIENTS} resources`, http],
    ['POST /api/v1/bookings, 1 resource, disjoint slots', sharedRun],
    [
      label === 'postgresql'
        ? 'raw INSERT + audit (plain pg, pool 20)'
        : 'raw INSERT + audit (PGlite transaction)',
      rawRun,
    ],
  ] as const)
    rows.push({
      database: label,
      workload,
      requests: r.n,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      outcomes: codesText(r.codes),
    });
  rows.push({
    database: label,
    workload: 'HTTP / raw throughput',
    requests: '',
    'req/s': (http.rps / rawRun.rps).toFixed(2),
    'p50 ms': '',
    'p99 ms': '',
    outcomes: '',
  });

  // 3. Conflict storm: every client asks for the same slot of one resource at once, round after round.
  const stormVan = (await seedResources(db, 'Storm ', 1))[0]!;
  const storm = async (name: string, ask: (round: number) => Promise<number | string>) => {
    const codes = new Map<number | string, number>();
    const latencies: number[] = [];
    const t0 = performance.now();
    for (let round = 0; round < STORM_ROUNDS; round++) {
      const outcomes = await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const t = performance.now();
          const code = await ask(round).catch((e: { code?: string }) => e.code ?? 'error');
          latencies.push(performance.now() - t);
          return code;
        }),
      );
      for (const c of outcomes) codes.set(c, (codes.get(c) ?? 0) + 1);
    }
    const s = summarize(latencies);
    storms.push({
      database: label,
      workload: name,
      requests: latencies.length,
      outcomes: codesText(codes),
      'p50 ms': s.median.toFixed(1),
      'p99 ms': s.p99.toFixed(1),
      'rounds/s': (STORM_ROUNDS / ((performance.now() - t0) / 1000)).toFixed(1),
    });
  };
  await storm(`HTTP, ${CLIENTS} clients × ${STORM_ROUNDS} rounds`, (round) =>
    post({ resourceId: stormVan, ...slot(round) }),
  );
  const actor: Actor = {
    userId: user.id,
    role: 'coordinator',
    name: user.name,
    email,
    sessionId: 'bench',
    via: 'bearer',
    csrfToken: null,
  };
  const deps = { db, horizonDays: 365, serializeWrites: false };
  await storm('service, constraint only (no lock)', async (round) => {
    await createBooking(
      deps,
      actor,
      { resourceId: stormVan, purpose: 'Storm', ...slot(1000 + round) },
      { ip: 'bench' },
    );
    return 201;
  });
  const overlaps = await db.query<{ n: number }>(
    `select count(*)::int as n from bookings a join bookings b on a.id < b.id and a.resource_id = b.resource_id
      where a.status in ('pending', 'approved') and b.status in ('pending', 'approved')
        and tstzrange(a.start_at, a.end_at) && tstzrange(b.start_at, b.end_at)`,
  );
  storms.push({
    database: label,
    workload: 'overlapping live pairs afterwards',
    requests: overlaps.rows[0]!.n,
    outcomes: '',
    'p50 ms': '',
    'p99 ms': '',
    'rounds/s': '',
  });

  // 4. Reads: 200 resources with two bookings a day for a month (12,000 bookings).
  const month = { start: new Date(Math.ceil((Date.now() + 40 * DAY) / DAY) * DAY) };
  const monthEnd = new Date(month.start.getTime() + 30 * DAY);
  await db.query(`update resources set status = 'retired' where name not like 'Fleet %'`);
  const fleet = await seedResources(db, 'Fleet ', RESOURCES);
  await db.query(
    `insert into bookings (resource_id, requester_id, start_at, end_at, purpose, status)
     select r, $2, $1::timestamptz + d * interval '1 day' + h.s, $1::timestamptz + d * interval '1 day' + h.e, 'Fleet use',
            case when (d + h.k) % 2 = 0 then 'approved' else 'pending' end
       from unnest($3::uuid[]) r, generate_series(0, 29) d,
            (values (interval '1 hour', interval '3 hours', 0), (interval '5 hours', interval '8 hours', 1)) h(s, e, k)`,
    [month.start, user.id, fleet],
  );
  await db.query('analyze bookings');
  await db.query('analyze resources');
  const time = async (name: string, url: string, count: (json: { items: unknown[] }) => number) => {
    let n = 0;
    const ms: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const res = await app.inject({ url, headers: { authorization: headers.authorization } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      n = count(res.json());
      if (i > 0) ms.push(performance.now() - t0);
    }
    const s = summarize(ms);
    reads.push({
      database: label,
      workload: `${name} (${n})`,
      'median ms': s.median.toFixed(1),
      'p95 ms': s.p95.toFixed(1),
    });
    return s.median;
  };
  const range = `start=${month.start.toISOString()}&end=${monthEnd.toISOString()}`;
  const avail = await time(
    'availability, 200 resources × 1 month (busy intervals)',
    `/api/v1/resources/availability?type=vehicle&limit=200&${range}`,
    (j) => (j.items as { busy: unknown[] }[]).reduce((a, x) => a + x.busy.length, 0),
  );
  const plain: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    await db.query(
      `select id, resource_id, start_at, end_at, status from bookings
        where resource_id = any($1::uuid[]) and status in ('pending', 'approved')
          and tstzrange(start_at, end_at, '[)') && tstzrange($2, $3, '[)') order by resource_id, start_at`,
      [fleet, month.start, monthEnd],
    );
    if (i > 0) plain.push(performance.now() - t0);
  }
  const p = summarize(plain);
  reads.push({
    database: label,
    workload: 'plain SQL of the same busy rows',
    'median ms': p.median.toFixed(1),
    'p95 ms': p.p95.toFixed(1),
  });
  reads.push({
    database: label,
    workload: 'ratio availability / plain (median)',
    'median ms': (avail / p.median).toFixed(2),
    'p95 ms': '',
  });
  await time(
    'utilisation heatmap, 200 resources × 30 days (rows)',
    `/api/v1/resources/utilisation?type=vehicle&limit=200&from=${month.start.toISOString().slice(0, 10)}&to=${monthEnd.toISOString().slice(0, 10)}&tz=UTC`,
    (j) => j.items.length,
  );
  const trip = `start=${new Date(month.start.getTime() + 3 * HOUR).toISOString()}&end=${new Date(month.start.getTime() + 5 * HOUR).toISOString()}`;
  await time(
    'free vehicle for a 2-hour trip (matches)',
    `/api/v1/resources/free?type=vehicle&capacity=8&${trip}`,
    (j) => j.items.length,
  );

  await app.close();
  await db.close();
}

export async function benchBookings() {
  const rows: Row[] = [];
  const storms: Row[] = [];
  const reads: Row[] = [];
  await forEachDatabase((label, db) => benchDatabase(label, db, rows, storms, reads));
  console.log(`\nBooking creation: ${CLIENTS} concurrent clients, ${SECONDS} s per workload`);
  console.table(rows);
  console.log(
    `\nConflict storm: ${CLIENTS} requests for the same slot of one resource at once, ${STORM_ROUNDS} rounds`,
  );
  console.table(storms);
  console.log(
    `\nAvailability reads: ${RESOURCES} resources, 2 bookings a day each for 30 days, ${RUNS} runs`,
  );
  console.table(reads);
}
