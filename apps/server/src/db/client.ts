import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { isAppError } from '@kalendaryo/domain';
import pg from 'pg';
import { translateDbError } from './errors';
import { makePrivate } from './lock';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** The database: PGlite embedded in this process, or a PostgreSQL server through a pool. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// int8 (counts, identities) as numbers, not strings; values beyond 2^53 do not occur in this schema.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * Members of driver errors that carry a statement's values: PGlite's bound `params` (a new user's
 * password hash, say), PostgreSQL's `detail` ("Failing row contains (…)"), `where` and the like.
 * They are removed as the error leaves this module, so no handler or log can ever show them; the
 * SQLSTATE, table, column and constraint stay for the services that translate errors.
 */
const VALUE_BEARING = ['params', 'detail', 'where', 'internalQuery', 'queryOptions'] as const;

/** Removes the values of the statement from a driver error (see VALUE_BEARING); returns it. */
export function scrubDbError(e: unknown): unknown {
  // An AppError's `detail` is the message meant for the caller, not the statement's values.
  if (isAppError(e)) return e;
  if (typeof e === 'object' && e !== null)
    for (const k of VALUE_BEARING) if (k in e) delete (e as Record<string, unknown>)[k];
  return e;
}

const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (e) {
    throw translateDbError(scrubDbError(e));
  }
};

/** Opens PGlite in `dataDir` (or in memory with `memory://`), optionally from a dump tarball. */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Db> {
  const onDisk = !dataDir.includes('://');
  // The directories PGlite creates follow the umask: private ones for the data directory's tree.
  // (umask is per process; a worker thread may not change it, where this falls back to makePrivate.)
  let umask: number | undefined;
  if (onDisk) {
    try {
      umask = process.umask(0o077);
    } catch {
      umask = undefined;
    }
  }
  let db: PGlite;
  try {
    db = await PGlite.create({
      dataDir,
      extensions: { btree_gist },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  if (onDisk) makePrivate(dataDir);
  const toResult = <T>(r: { rows: T[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows,
    rowCount: Math.max(r.rows.length, r.affectedRows ?? 0),
  });
  const queryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: <T>(text: string, params?: readonly unknown[]) =>
      wrap(async () => toResult(await q.query<T>(text, params as unknown[] | undefined))),
    exec: (text: string) =>
      wrap(async () => {
        await q.exec(text);
      }),
  });
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction: (fn) => wrap(() => db.transaction((tx) => fn(queryable(tx)))),
    ping: async () => {
      await db.query('select 1');
    },
    close: () => db.close(),
    dump: () => db.dumpDataDir('gzip'),
  } as Db & { dump: () => Promise<Blob> };
}

export interface PgOptions {
  /** How long a request waits for a connection before the database counts as unavailable. */
  connectTimeoutMs?: number;
  max?: number;
}

/** Connects a pool to the PostgreSQL server at `url`. Errors of lost connections become 503s. */
export function openPostgres(url: string, opts: PgOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 1000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle client that loses its server emits here; the pool drops it and connects anew later.
  pool.on('error', () => {});
  return {
    kind: 'postgresql',
    query: <T>(text: string, params?: readonly unknown[]) =>
      wrap(async () => {
        const r = await pool.query(text, params as unknown[] | undefined);
        return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
      }),
    exec: (text: string) =>
      wrap(async () => {
        await pool.query(text);
      }),
    transaction: async (fn) => {
      const client = await wrap(() => pool.connect());
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const tx: Queryable = {
          query: async <T>(text: string, params?: readonly unknown[]) => {
            const r = await client.query(text, params as unknown[] | undefined);
            return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
          },
          exec: async (text: string) => {
            await client.query(text);
          },
        };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (e) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw translateDbError(scrubDbError(e));
      } finally {
        client.release(broken);
      }
    },
    ping: async () => {
      await wrap(() => pool.query('select 1'));
    },
    close: () => pool.end(),
  };
}
