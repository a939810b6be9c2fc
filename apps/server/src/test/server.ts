import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../config';
import { buildApp } from '../http/app';
import { createTestDb, type TestDb } from './db';

export interface TestApp {
  app: FastifyInstance;
  db: TestDb['db'];
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole HTTP app on a fresh database, driven with `app.inject()`. Cheap password hashing.
 * `logTo` collects the request log's JSON lines (info level), for tests of what it must not carry.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  opts: { logTo?: string[] } = {},
): Promise<TestApp> {
  const testDb = await createTestDb();
  const config: Config = { ...loadConfig({}), passwordCost: 10, ...overrides };
  // KALENDARYO_TEST_LOG=1 shows the server's error logs while debugging a test.
  const app = await buildApp({
    db: testDb.db,
    config,
    logger: opts.logTo
      ? { level: 'info', stream: { write: (line: string) => void opts.logTo?.push(line) } }
      : process.env.KALENDARYO_TEST_LOG
        ? { level: 'error' }
        : false,
  });
  await app.ready();
  return {
    app,
    db: testDb.db,
    config,
    close: async () => {
      await app.close();
      await testDb.close();
    },
  };
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request to the app as `who` (its bearer headers), with optional JSON payload and extra headers. */
export const request = (
  t: TestApp,
  who: { headers: Record<string, string> },
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { ...who.headers, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** The arguments of `request` after the app: `(who, method, url, payload?, headers?)`. */
export type RequestArgs = Parameters<typeof request> extends [TestApp, ...infer A] ? A : never;
