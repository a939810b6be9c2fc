import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '10.1.1.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer token and the user for the right password', async () => {
    const user = await buildUser(t.db, { role: 'coordinator', email: 'amina@oobc.example' });
    const res = await login('Amina@OOBC.example ', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^kal_/);
    expect(body.user).toMatchObject({
      id: user.id,
      email: 'amina@oobc.example',
      role: 'coordinator',
      active: true,
    });
    expect(body.user.password_hash).toBeUndefined();
    expect(body.user.lastSignInAt).not.toBeNull();

    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('answers 401 auth.invalid_credentials as problem details for a wrong password or unknown email', async () => {
    const user = await buildUser(t.db);
    for (const res of [
      await login(user.email, 'wrong password!'),
      await login('nobody@oobc.example', 'whatever123'),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 401,
        code: 'auth.invalid_credentials',
        title: expect.any(String),
        type: expect.any(String),
      });
      expect(res.json().instance).toBeTruthy();
    }
  });

  it('slows down repeated failures per account, even with the right password, and tells when to retry', async () => {
    const user = await buildUser(t.db);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login(user.email, `wrong-${i}-password`, `10.2.0.${i}`)).statusCode);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    const blocked = await login(user.email, TEST_PASSWORD, '10.2.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('auth.too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await buildUser(t.db);
    expect((await login(other.email, TEST_PASSWORD, '10.2.1.2')).statusCode).toBe(200);
  });

  it('slows down repeated failures per address across accounts', async () => {
    const ip = '10.3.3.3';
    let last = 0;
    for (let i = 0; i < 27; i++)
      last = (await login(`ghost${i}@oobc.example`, 'nope-nope-nope', ip)).statusCode;
    expect(last).toBe(429);
    const user = await buildUser(t.db);
    expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, '10.3.3.4')).statusCode).toBe(200);
  });

  it('refuses a deactivated user as wrong credentials', async () => {
    const user = await buildUser(t.db);
    await t.db.query('update users set active = false where id = $1', [user.id]);
    expect((await login(user.email, TEST_PASSWORD, '10.4.0.1')).json().code).toBe('auth.invalid_credentials');
  });

  it('validates the body: 422 with the failing fields, 400 for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@y.z' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.malformed_json');
  });
});

describe('tokens and sign-out', () => {
  it('revokes the token on logout, and a forged or missing token gets 401', async () => {
    const user = await buildUser(t.db);
    const token = (await login(user.email, TEST_PASSWORD, '10.5.0.1')).json().token as string;
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode,
    ).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.invalid_token');

    const forged = `${token.slice(0, -4)}AAAA`;
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${forged}` } })).json()
        .code,
    ).toBe('auth.invalid_token');
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } })).statusCode,
    ).toBe(401);
    const anon = await t.app.inject({ url: '/api/v1/auth/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('auth.required');
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const user = await buildUser(t.db, { password: 'first password 1' });
    const a = (await login(user.email, 'first password 1', '10.6.0.1')).json().token as string;
    const b = (await login(user.email, 'first password 1', '10.6.0.1')).json().token as string;
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { authorization: `Bearer ${a}` },
      payload: { currentPassword: 'not it at all', newPassword: 'second password 2' },
    });
    expect(wrong.json().code).toBe('auth.wrong_password');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { authorization: `Bearer ${a}` },
      payload: { currentPassword: 'first password 1', newPassword: 'second password 2' },
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${a}` } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${b}` } })).statusCode,
    ).toBe(401);
    expect((await login(user.email, 'first password 1', '10.6.0.2')).statusCode).toBe(401);
    expect((await login(user.email, 'second password 2', '10.6.0.3')).statusCode).toBe(200);
  });
});

describe('web session cookie', () => {
  it('sets an httpOnly SameSite cookie and requires the CSRF token for writes', async () => {
    const user = await buildUser(t.db, { role: 'admin' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: '10.7.0.1',
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kalendaryo_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const { csrfToken } = res.json();
    expect(csrfToken).toBeTruthy();
    const cookies = { kalendaryo_session: cookie.value };

    const me = await t.app.inject({ url: '/api/v1/auth/me', cookies });
    expect(me.json()).toMatchObject({ user: { id: user.id }, csrfToken });

    const payload = { email: 'csrf@oobc.example', name: 'C', password: 'long enough pw', role: 'staff' };
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/users', cookies, payload });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('auth.csrf_failed');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          cookies,
          payload,
          headers: { 'x-csrf-token': 'nope' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/users?q=csrf', headers: { authorization: 'x' } })).statusCode,
    ).toBe(401);
    const count = await t.db.query<{ n: number }>(
      "select count(*)::int as n from users where email = 'csrf@oobc.example'",
    );
    expect(count.rows[0]!.n).toBe(0);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      cookies,
      payload,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(ok.statusCode).toBe(201);

    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/session',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
  });
});
