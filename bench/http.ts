/**
 * HTTP throughput and latency of the foundation's hot paths (health, bearer auth, a user list)
 * with concurrent clients, on PGlite and on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import { buildApp } from '../apps/server/src/http/app';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase } from './databases';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface Result {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `CLIENTS` loops of `request` for `SECONDS`, recording each latency. */
async function load(name: string, request: () => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await request();
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    rps: latencies.length / SECONDS,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    errors,
  };
}

async function benchDatabase(label: string, db: Db): Promise<Result[]> {
  const config = { ...loadConfig({}), passwordCost: 14, rateLimitPerMinute: 0 };
  const app = await buildApp({ db, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const email = `bench-${randomBytes(4).toString('hex')}@oobc.example`;
  await insertUser(db, {
    email,
    name: 'Bench Admin',
    role: 'admin',
    passwordHash: await hashPassword('bench password', 14),
  });
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const results = [
    await load(`${label}: GET /api/health`, () => fetch(`${address}/api/health`)),
    await load(`${label}: GET /api/v1/auth/me (bearer)`, () =>
      fetch(`${address}/api/v1/auth/me`, { headers: auth }),
    ),
    await load(`${label}: GET /api/v1/users?limit=50`, () =>
      fetch(`${address}/api/v1/users?limit=50`, { headers: auth }),
    ),
  ];
  await app.close();
  await db.close();
  return results;
}

/** Runs the HTTP workloads on every database this machine has. */
export async function benchHttp() {
  console.log(`\nHTTP: ${CLIENTS} concurrent clients, ${SECONDS} s per workload`);
  const results: Result[] = [];
  await forEachDatabase(async (label, db) => {
    results.push(...(await benchDatabase(label, db)));
  });
  console.table(
    results.map((r) => ({
      workload: r.name,
      requests: r.requests,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      errors: r.errors,
    })),
  );
}
