import { writeFile } from 'node:fs/promises';
import type { Config } from '../config';
import { type Db, openPglite, openPostgres } from './client';
import { lockDataDir } from './lock';
import { migrate } from './migrate';

export interface OpenedDb {
  db: Db;
  /** Closes the database and releases the data-directory lock. */
  close(): Promise<void>;
}

/**
 * Opens the configured database — PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * DATA_DIR under a single-process lock — and brings its schema up to date.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: { migrate?: boolean } = {},
): Promise<OpenedDb> {
  let db: Db;
  let release = () => {};
  if (config.databaseUrl) {
    db = openPostgres(config.databaseUrl);
  } else {
    release = lockDataDir(config.dataDir);
    try {
      db = await openPglite(`${config.dataDir}/pgdata`);
    } catch (e) {
      release();
      throw e;
    }
  }
  try {
    if (opts.migrate !== false) await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    release();
    throw e;
  }
  return {
    db,
    close: async () => {
      await db.close();
      release();
    },
  };
}

/** Writes a gzip tarball of the embedded database to `file`. */
export async function backupEmbedded(db: Db, file: string): Promise<number> {
  const dump = (db as Db & { dump?: () => Promise<Blob> }).dump;
  if (!dump)
    throw new Error('Backups from this command are for the embedded database; use pg_dump for PostgreSQL.');
  const blob = await dump();
  const bytes = Buffer.from(await blob.arrayBuffer());
  // A backup holds everything the database does, password hashes included: for its owner only.
  await writeFile(file, bytes, { mode: 0o600 });
  return bytes.length;
}
