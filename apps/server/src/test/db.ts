import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openPglite, openPostgres } from '../db/client';
import { migrate } from '../db/migrate';

export interface TestDb {
  db: Db;
  /** The URL of the fresh PostgreSQL database, when running against a server. */
  url: string | undefined;
  close(): Promise<void>;
}

/** Runs SQL on the maintenance connection of the configured PostgreSQL server. */
async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the PostgreSQL server of DATABASE_URL (dropped again by `close`).
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const db = await openPglite('memory://', template);
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `kalendaryo_t_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { connectTimeoutMs: 5000 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    close: async () => {
      await db.close();
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
