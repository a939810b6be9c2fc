import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { bearerFor, buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';
import { pruneAttempts } from './throttle.repository';

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
    for (let i = 0; i < 6; i++)
      statuses.push((await login(user.email, `wrong-${i}-password`, `10.2.0.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
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

describe('sign-in throttling under attack', () => {
  const failedSignIns = async (userId: string) =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from audit_log where action = 'auth.sign_in_failed' and actor_id = $1",
        [userId],
      )
    ).rows[0]!.n;

  it('counts 40 parallel wrong guesses one by one: beyond the free 5 even the right password gets 429', async () => {
    const user = await buildUser(t.db);
    const burst = [
      ...Array.from({ length: 40 }, (_, i) => login(user.email, `wrong guess number ${i}`, '10.8.0.1')),
      login(user.email, TEST_PASSWORD, '10.8.0.1'),
    ];
    const results = await Promise.all(burst);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(36);
    const right = results.at(-1)!;
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('auth.too_many_attempts');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // Only the free attempts had their password checked.
    expect(await failedSignIns(user.id)).toBe(5);
  });

  it('answers an unknown email exactly like a wrong password, lock-out included', async () => {
    const user = await buildUser(t.db);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await login(user.email, `nope nope nope ${i}`, `10.10.0.${i}`)).statusCode);
      unknown.push((await login('no.such.person@oobc.example', `nope nope ${i}`, `10.10.1.${i}`)).statusCode);
    }
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    const a = await login(`${user.email.split('@')[0]}x@oobc.example`, 'nope', '10.10.2.1');
    const b = await buildUser(t.db).then((u) => login(u.email, 'nope', '10.10.2.2'));
    const strip = (r: typeof a) => ({ ...r.json(), instance: undefined });
    expect(strip(a)).toEqual(strip(b));
  });

  it('lets the owner in from a known device while a stranger keeps guessing; forged devices do not help', async () => {
    const user = await buildUser(t.db);
    const signInWeb = (password: string, ip: string, device?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/session',
        payload: { email: user.email, password },
        remoteAddress: ip,
        ...(device ? { cookies: { kalendaryo_device: device } } : {}),
      });
    // Last week the owner signed in from this browser, which kept the device cookie.
    const earlier = await signInWeb(TEST_PASSWORD, '10.9.0.1');
    const device = earlier.cookies.find((c) => c.name === 'kalendaryo_device')!;
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/' });
    expect(device.maxAge).toBeGreaterThan(30 * 86_400);

    // A stranger guesses from many addresses until the account is locked.
    for (let i = 0; i < 8; i++) await login(user.email, `stranger guess ${i}`, `10.9.1.${i}`);
    expect((await signInWeb(TEST_PASSWORD, '10.9.2.1')).statusCode).toBe(429);

    // The owner's browser still gets in, and the stranger's wait is not reset by it.
    const owner = await signInWeb(TEST_PASSWORD, '10.9.2.2', device.value);
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.id).toBe(user.id);
    expect((await login(user.email, 'stranger guess again', '10.9.1.50')).statusCode).toBe(429);

    // Another user's device token, an altered one or a made-up one count for nothing.
    const other = await buildUser(t.db);
    const othersDevice = (await login(other.email, TEST_PASSWORD, '10.9.3.1')).cookies.find(
      (c) => c.name === 'kalendaryo_device',
    )!.value;
    const altered = `${device.value.slice(0, -3)}${device.value.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    for (const fake of [othersDevice, altered, `${user.id}.zzzzzz.${'A'.repeat(43)}`, 'garbage'])
      expect((await signInWeb(TEST_PASSWORD, '10.9.3.2', fake)).statusCode, fake).toBe(429);

    // A known device is throttled on its own: a stolen device cookie buys no extra guesses.
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++)
      guesses.push((await signInWeb(`device guess ${i}`, `10.9.4.${i}`, device.value)).statusCode);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('still applies the per-address limit to a known device', async () => {
    const user = await buildUser(t.db);
    const device = (await login(user.email, TEST_PASSWORD, '10.11.0.1')).cookies.find(
      (c) => c.name === 'kalendaryo_device',
    )!.value;
    for (let i = 0; i < 25; i++) await login(`spray${i}@oobc.example`, 'spray spray spray', '10.11.0.2');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      cookies: { kalendaryo_device: device },
      remoteAddress: '10.11.0.2',
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('auth.too_many_attempts');
  });

  it('does not count colleagues signing in from one office address against it', async () => {
    const office = '10.12.0.1';
    for (let i = 0; i < 30; i++) {
      const u = await buildUser(t.db);
      expect((await login(u.email, TEST_PASSWORD, office)).statusCode).toBe(200);
    }
  });
});

describe('the password rule', () => {
  const weak = ['1234567890', ' '.repeat(10), 'password1234', 'qwertyuiop123', 'Password123!'];

  it('refuses a weak new password with 422 auth.weak_password on newPassword and keeps the old one', async () => {
    const user = await buildUser(t.db, { name: 'Bai Sittie Ampaso', email: 'sittie.ampaso@oobc.example' });
    const token = (await login(user.email, TEST_PASSWORD, '10.13.0.1')).json().token as string;
    // Their own name and email, and this product's name, are the first words an attacker tries.
    for (const newPassword of [
      ...weak,
      'SittieAmpaso',
      'sittie.ampaso 1',
      'ampaso12345',
      'kalendaryo2026!',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { authorization: `Bearer ${token}` },
        payload: { currentPassword: TEST_PASSWORD, newPassword },
      });
      expect(res.statusCode, newPassword).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'auth.weak_password',
        errors: [{ field: 'newPassword', code: 'auth.weak_password', message: expect.any(String) }],
      });
      expect(res.json().errors[0].message.length).toBeGreaterThan(20);
    }
    expect((await login(user.email, TEST_PASSWORD, '10.13.0.2')).statusCode).toBe(200);
  });

  it('accepts long passphrases in any script, up to 200 characters, and refuses control characters', async () => {
    const user = await buildUser(t.db);
    const token = (await login(user.email, TEST_PASSWORD, '10.14.0.1')).json().token as string;
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { authorization: `Bearer ${token}` },
        payload: { currentPassword, newPassword },
      });
    const long = 'Ang mga bituin sa langit ng Cotabato ay nagniningning — ñ, ü, 星空 '.padEnd(200, 'ş');
    expect(long.length).toBe(200);
    expect((await change(TEST_PASSWORD, long)).statusCode).toBe(204);
    expect((await login(user.email, long, '10.14.0.2')).statusCode).toBe(200);
    const tooLong = await change(long, `${long}x`);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0].field).toBe('newPassword');
    const tab = await change(long, 'river\tmango\tlantern\tseven');
    expect(tab.statusCode).toBe(422);
    expect(tab.json().errors[0].field).toBe('newPassword');
  });
});

describe('session lifetimes', () => {
  const webSession = async (ip: string) => {
    const user = await buildUser(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: ip,
    });
    const cookie = res.cookies.find((c) => c.name === 'kalendaryo_session')!.value;
    const id = (
      await t.db.query<{ id: string }>(
        "select id from sessions where user_id = $1 and kind = 'cookie' order by created_at desc limit 1",
        [user.id],
      )
    ).rows[0]!.id;
    return { cookies: { kalendaryo_session: cookie }, id };
  };
  const idleFor = (id: string, interval: string) =>
    t.db.query(`update sessions set last_used_at = now() - $2::interval where id = $1`, [id, interval]);
  const lastUsed = async (id: string) =>
    (await t.db.query<{ at: Date }>('select last_used_at as at from sessions where id = $1', [id])).rows[0]!
      .at;

  it('ends a web session after 12 idle hours; each use slides it, written at most once a minute', async () => {
    const s = await webSession('10.15.0.1');
    await idleFor(s.id, '11 hours');
    expect((await t.app.inject({ url: '/api/v1/auth/me', cookies: s.cookies })).statusCode).toBe(200);
    expect(Date.now() - (await lastUsed(s.id)).getTime()).toBeLessThan(60_000);

    // Used 30 s ago: reading again does not write.
    await idleFor(s.id, '30 seconds');
    const before = await lastUsed(s.id);
    expect((await t.app.inject({ url: '/api/v1/auth/me', cookies: s.cookies })).statusCode).toBe(200);
    expect((await lastUsed(s.id)).getTime()).toBe(before.getTime());

    await idleFor(s.id, '12 hours 1 minute');
    const idle = await t.app.inject({ url: '/api/v1/auth/me', cookies: s.cookies });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('auth.required');
  });

  it('stops an API token after 30 idle days, and any session at its absolute expiry however used', async () => {
    const user = await buildUser(t.db);
    const token = (await login(user.email, TEST_PASSWORD, '10.15.0.2')).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    const { id } = (
      await t.db.query<{ id: string }>(
        "select id from sessions where user_id = $1 and kind = 'bearer' order by created_at desc limit 1",
        [user.id],
      )
    ).rows[0]!;
    await idleFor(id, '29 days');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    await idleFor(id, '30 days 1 minute');
    const idle = await t.app.inject({ url: '/api/v1/auth/me', headers });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('auth.invalid_token');

    const s = await webSession('10.15.0.3');
    await t.db.query("update sessions set expires_at = now() - interval '1 second' where id = $1", [s.id]);
    expect((await t.app.inject({ url: '/api/v1/auth/me', cookies: s.cookies })).statusCode).toBe(401);
  });

  it('takes the idle limits from KALENDARYO_SESSION_IDLE_HOURS and KALENDARYO_TOKEN_IDLE_DAYS', async () => {
    const config = loadConfig({ KALENDARYO_SESSION_IDLE_HOURS: '2', KALENDARYO_TOKEN_IDLE_DAYS: '7' });
    expect(config).toMatchObject({ sessionIdleHours: 2, tokenIdleDays: 7 });
    expect(loadConfig({})).toMatchObject({ sessionIdleHours: 12, tokenIdleDays: 30, sessionDays: 30 });
    expect(() => loadConfig({ KALENDARYO_SESSION_IDLE_HOURS: '0' })).toThrow(/KALENDARYO_SESSION_IDLE_HOURS/);
    const short = await createTestApp({ sessionIdleHours: 2, tokenIdleDays: 7 });
    try {
      const user = await buildUser(short.db);
      const headers = await bearerFor(short.app, user);
      await short.db.query(
        "update sessions set last_used_at = now() - interval '8 days' where user_id = $1",
        [user.id],
      );
      expect((await short.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('stale sign-in counts', () => {
  it('are swept after a day unless they still hold a wait', async () => {
    await t.db.query(
      `insert into auth_throttle (key, failures, window_start, blocked_until) values
         ('acct:stale@oobc.example', 3, now() - interval '2 days', null),
         ('acct:waiting@oobc.example', 9, now() - interval '2 days', now() + interval '5 minutes'),
         ('acct:recent@oobc.example', 2, now() - interval '1 hour', null)`,
    );
    expect(await pruneAttempts(t.db)).toBeGreaterThanOrEqual(1);
    const left = await t.db.query<{ key: string }>(
      "select key from auth_throttle where key in ('acct:stale@oobc.example', 'acct:waiting@oobc.example', 'acct:recent@oobc.example') order by key",
    );
    expect(left.rows.map((r) => r.key)).toEqual(['acct:recent@oobc.example', 'acct:waiting@oobc.example']);
  });
});
