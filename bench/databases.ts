import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, openPglite, openPostgres } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';

/**
 * Runs `work` on a fresh migrated PGlite database and on a fresh database of the PostgreSQL
 * server at BENCH_DATABASE_URL (default: the local one), skipping PostgreSQL when unreachable.
 * `work` owns the database and closes it.
 */
export async function forEachDatabase(work: (label: 'pglite' | 'postgresql', db: Db) => Promise<void>) {
  const lite = await openPglite('memory://');
  await migrate(lite);
  await work('pglite', lite);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `kalendaryo_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`PostgreSQL skipped: ${(e as Error).message}`);
    return;
  }
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = openPostgres(url.toString(), { max: 20 });
    await migrate(db);
    await work('postgresql', db);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

/** Median and 95th percentile of a list of milliseconds. */
export function summarize(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99) };
}
