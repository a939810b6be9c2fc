import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { newToken } from './sharing.tokens';

describe('the request log', () => {
  let logged: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    logged = await createTestApp({}, { logTo: lines });
  });
  afterAll(() => logged?.close());

  it('carries no share-link or feed token (a token in the log would open the calendar)', async () => {
    const token = newToken();
    for (const url of [
      `/share/${token}`,
      `/ics/${token}.ics`,
      `/api/v1/public/links/${token}/calendar.ics`,
      `/api/v1/links/${token}/accept`,
    ])
      await logged.app.inject({ url });
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
