import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Advisory lock key that serialises migrations when several app servers start at once. */
const MIGRATION_LOCK = 727_001;

export interface Migration {
  id: string;
  sql: string;
}

/** The committed SQL migrations, in the order of their file names (`0001_foundation.sql`, …). */
export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (f) => ({ id: f.replace(/\.sql$/, ''), sql: await readFile(path.join(dir, f), 'utf8') })),
  );
}

/**
 * Applies every migration not yet applied, in one transaction, under an advisory
 * lock so concurrent start-ups of several servers apply each migration exactly once.
 * Returns the ids applied now.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ id: string }>('select id from schema_migrations')).rows.map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of all) {
      if (done.has(m.id)) continue;
      // All pending migrations share one transaction: a failure rolls the whole run back
      // (PostgreSQL DDL is transactional) and names the file.
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new Error(`Migration ${m.id} failed: ${(e as Error).message}`, { cause: e });
      }
      await tx.query('insert into schema_migrations (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
