import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/server';

/** Where a failed sign-in from `forwardedFor` (through a proxy) is recorded as coming from. */
async function recordedAddress(t: TestApp, forwardedFor: string) {
  const email = `nobody-${Math.random().toString(36).slice(2)}@oobc.example`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email, password: 'not the password' },
  });
  expect(res.statusCode).toBe(401);
  const r = await t.db.query<{ ip: string }>(
    "select ip from audit_log where action = 'auth.sign_in_failed' and data->>'email' = $1",
    [email],
  );
  return r.rows[0]?.ip;
}

describe('the client address behind a proxy (KALENDARYO_TRUST_PROXY)', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ rateLimitPerMinute: 0 });
    proxied = await createTestApp({ rateLimitPerMinute: 0, trustProxy: true });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    expect(await recordedAddress(direct, '203.0.113.7')).toBe('127.0.0.1');
    expect(await recordedAddress(proxied, '203.0.113.7')).toBe('203.0.113.7');
  });
});
