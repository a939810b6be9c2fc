import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { createTestDb, type TestDb } from '../../test/db';
import { newToken } from './sharing.tokens';

describe('the request log', () => {
  let db: TestDb;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp({
      db: db.db,
      config: { ...loadConfig({}), passwordCost: 10 },
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('carries no share-link or feed token (a token in the log would open the calendar)', async () => {
    const token = newToken();
    for (const url of [
      `/share/${token}`,
      `/ics/${token}.ics`,
      `/api/v1/public/links/${token}/calendar.ics`,
      `/api/v1/links/${token}/accept`,
    ])
      await app.inject({ url });
    const urls = lines.map((l) => JSON.parse(l)).flatMap((e) => (e.req?.url ? [e.req.url as string] : []));
    expect(urls).toEqual([
      '/share/[redacted]',
      '/ics/[redacted]',
      '/api/v1/public/links/[redacted]/calendar.ics',
      '/api/v1/links/[redacted]/accept',
    ]);
    for (const line of lines) expect(line).not.toContain(token);
  });
});
