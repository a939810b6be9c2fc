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

/** The whole HTTP app on a fresh database, driven with `app.inject()`. Cheap password hashing. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const config: Config = { ...loadConfig({}), passwordCost: 10, ...overrides };
  const app = await buildApp({ db: testDb.db, config });
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
