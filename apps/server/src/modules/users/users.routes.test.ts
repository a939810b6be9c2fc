import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { bearerFor, buildUser, signedInUser, TEST_PASSWORD, type Who } from '../../test/factories';
import { run } from '../../test/process';
import { createTestApp, request, type TestApp } from '../../test/server';
import { ensureFirstAdmin } from './bootstrap';

let t: TestApp;
let admin: Who;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInUser(t.app, t.db, 'admin');
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  request(t, { headers }, 'POST', url, payload);

describe('POST /api/v1/users', () => {
  it('creates a user an administrator can see and who can sign in', async () => {
    const res = await post('/api/v1/users', admin.headers, {
      email: 'Noraida@OOBC.example',
      name: 'Noraida Abdullah',
      password: 'a long password',
      role: 'staff',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'noraida@oobc.example',
      name: 'Noraida Abdullah',
      role: 'staff',
      active: true,
      lastSignInAt: null,
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'noraida@oobc.example', password: 'a long password' },
    });
    expect(login.statusCode).toBe(200);
    const audit = await t.db.query<{ action: string }>(
      'select action from audit_log where entity_id = $1 order by id',
      [res.json().id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['user.created', 'auth.sign_in']);
  });

  it('refuses a duplicate email (any case) with 409 user.duplicate and keeps one row', async () => {
    await post('/api/v1/users', admin.headers, {
      email: 'dup@oobc.example',
      name: 'A',
      password: 'a long password',
      role: 'viewer',
    });
    const res = await post('/api/v1/users', admin.headers, {
      email: 'DUP@oobc.example',
      name: 'B',
      password: 'a long password',
      role: 'viewer',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'user.duplicate', errors: [{ field: 'email' }] });
    expect((await t.db.query("select 1 from users where email = 'dup@oobc.example'")).rowCount).toBe(1);
  });

  it('creates exactly one user when the same email is posted concurrently', async () => {
    const body = { email: 'race@oobc.example', name: 'Race', password: 'a long password', role: 'staff' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/v1/users', admin.headers, body)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
  });

  it('names every invalid field with 422', async () => {
    const res = await post('/api/v1/users', admin.headers, {
      email: 'not-an-email',
      name: '',
      password: 'short',
      role: 'boss',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('request.invalid');
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['email', 'name', 'password', 'role']);
  });

  it('refuses a weak or personal password with 422 auth.weak_password on password, and writes nothing', async () => {
    for (const password of ['1234567890', ' '.repeat(10), 'password1234', 'NoraidaAbdullah', 'noraida2024']) {
      const res = await post('/api/v1/users', admin.headers, {
        email: 'noraida.abdullah@oobc.example',
        name: 'Noraida Abdullah',
        password,
        role: 'staff',
      });
      expect(res.statusCode, password).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'auth.weak_password',
        errors: [{ field: 'password', code: 'auth.weak_password' }],
      });
      expect(res.json().detail).toMatch(/stronger password/);
    }
    expect(
      (await t.db.query("select 1 from users where email = 'noraida.abdullah@oobc.example'")).rowCount,
    ).toBe(0);
  });

  it('refuses names with control characters or line breaks, before anything reaches the database', async () => {
    const body = { email: 'ctl@oobc.example', password: 'mango lantern river', role: 'staff' };
    const nul = await post('/api/v1/users', admin.headers, { ...body, name: 'Null\u0000Byte' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'request.control_characters', errors: [{ field: 'name' }] });
    const tab = await post('/api/v1/users', admin.headers, { ...body, name: 'Two\tLines\n' });
    expect(tab.statusCode).toBe(422);
    expect(tab.json().errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect((await t.db.query("select 1 from users where email = 'ctl@oobc.example'")).rowCount).toBe(0);
  });

  it('is for administrators only: 403 for staff, 401 for anonymous, nothing written', async () => {
    const staff = await signedInUser(t.app, t.db, 'coordinator');
    const body = { email: 'sneaky@oobc.example', name: 'S', password: 'a long password', role: 'admin' };
    const forbidden = await post('/api/v1/users', staff.headers, body);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.forbidden');
    expect((await post('/api/v1/users', {}, body)).statusCode).toBe(401);
    expect((await t.db.query("select 1 from users where email = 'sneaky@oobc.example'")).rowCount).toBe(0);
  });
});

describe('GET /api/v1/users', () => {
  it('pages through every user with limit and nextCursor, in name order, without repeats', async () => {
    for (let i = 0; i < 7; i++)
      await buildUser(t.db, {
        name: `Pager ${String.fromCharCode(71 - i)}`,
        email: `pager${i}@oobc.example`,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.inject({
        url: `/api/v1/users?limit=3&q=pager${cursor ? `&cursor=${cursor}` : ''}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { name: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((u) => u.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Pager A', 'Pager B', 'Pager C', 'Pager D', 'Pager E', 'Pager F', 'Pager G']);
  });

  it('filters by role and status and rejects bad parameters with 400', async () => {
    const viewers = (await t.app.inject({ url: '/api/v1/users?role=viewer', headers: admin.headers })).json();
    expect(viewers.items.length).toBeGreaterThan(0);
    expect(viewers.items.every((u: { role: string }) => u.role === 'viewer')).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/users?limit=0', headers: admin.headers })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ url: '/api/v1/users?limit=501', headers: admin.headers })).statusCode).toBe(
      400,
    );
    const badCursor = await t.app.inject({ url: '/api/v1/users?cursor=garbage', headers: admin.headers });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().code).toBe('pagination.invalid_cursor');
  });

  it('is 403 for non-administrators and 401 for anonymous callers', async () => {
    const staff = await signedInUser(t.app, t.db, 'staff');
    expect((await t.app.inject({ url: '/api/v1/users', headers: staff.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/people', () => {
  it('lets any signed-in user find active colleagues without seeing admin fields', async () => {
    const staff = await signedInUser(t.app, t.db, 'viewer');
    const gone = await buildUser(t.db, { name: 'Zainab Gone', email: 'zainab.gone@oobc.example' });
    await t.db.query('update users set active = false where id = $1', [gone.id]);
    await buildUser(t.db, { name: 'Zainab Here', email: 'zainab.here@oobc.example' });
    const res = await t.app.inject({ url: '/api/v1/people?q=zainab', headers: staff.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: expect.any(String), name: 'Zainab Here', email: 'zainab.here@oobc.example', role: 'staff' },
    ]);
    expect((await t.app.inject({ url: '/api/v1/people' })).statusCode).toBe(401);
  });
});

describe('deactivation and roles', () => {
  it('stops a deactivated user’s tokens at once and lets them back in after activation', async () => {
    const user = await buildUser(t.db);
    const headers = await bearerFor(t.app, user);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    const res = await post(`/api/v1/users/${user.id}/deactivate`, admin.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect((await post(`/api/v1/users/${user.id}/activate`, admin.headers)).json().active).toBe(true);
    expect((await bearerFor(t.app, user)).authorization).toMatch(/^Bearer /);
  });

  it('changes a role; the last active administrator can be neither demoted nor deactivated', async () => {
    const fresh = await createTestApp();
    try {
      const boss = await signedInUser(fresh.app, fresh.db, 'admin');
      const self = await fresh.app.inject({
        method: 'POST',
        url: `/api/v1/users/${boss.user.id}/deactivate`,
        headers: boss.headers,
      });
      expect(self.json().code).toBe('user.cannot_deactivate_self');
      const demote = await fresh.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${boss.user.id}`,
        headers: boss.headers,
        payload: { role: 'staff' },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().code).toBe('user.last_admin');
      const staff = await buildUser(fresh.db);
      const promote = await fresh.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${staff.id}`,
        headers: boss.headers,
        payload: { role: 'admin', name: 'New Boss' },
      });
      expect(promote.json()).toMatchObject({ role: 'admin', name: 'New Boss' });
      const nowOk = await fresh.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${boss.user.id}`,
        headers: boss.headers,
        payload: { role: 'coordinator' },
      });
      expect(nowOk.json().role).toBe('coordinator');
    } finally {
      await fresh.close();
    }
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const missing = await post(
      '/api/v1/users/6f1c2b4e-0000-4000-8000-000000000000/deactivate',
      admin.headers,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('user.not_found');
    expect((await post('/api/v1/users/not-a-uuid/deactivate', admin.headers)).statusCode).toBe(400);
  });
});

describe('the password rule at set-up, at start-up and on the command line', () => {
  it('refuses a weak first administrator password with 422 and creates nobody', async () => {
    const fresh = await createTestApp();
    try {
      const res = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { email: 'first@oobc.example', name: 'First Admin', password: 'password1234' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'auth.weak_password', errors: [{ field: 'password' }] });
      expect((await fresh.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
    } finally {
      await fresh.close();
    }
  });

  it('stops the start with a clear error when KALENDARYO_ADMIN_PASSWORD is weak', async () => {
    const fresh = await createTestApp();
    try {
      const config = {
        ...loadConfig({}),
        passwordCost: 10,
        adminEmail: 'boss@oobc.example',
        adminPassword: 'qwertyuiop123',
      };
      const log = { info: () => {}, warn: () => {} };
      await expect(ensureFirstAdmin({ db: fresh.db, config }, log)).rejects.toThrow(
        /KALENDARYO_ADMIN_PASSWORD is too weak.*(common|guess)/,
      );
      expect((await fresh.db.query('select 1 from users')).rowCount).toBe(0);
      await ensureFirstAdmin(
        { db: fresh.db, config: { ...config, adminPassword: 'mango lantern river' } },
        log,
      );
      expect((await fresh.db.query("select 1 from users where email = 'boss@oobc.example'")).rowCount).toBe(
        1,
      );
    } finally {
      await fresh.close();
    }
  });

  it('refuses a weak password in `kalendaryo user create` with the reason', {
    timeout: 120_000,
  }, async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kalendaryo-users-'));
    try {
      const env = { DATA_DIR: path.join(work, 'data') };
      const res = await run(
        ['user', 'create', '--email', 'cli@oobc.example', '--name', 'Cli User', '--password', '1234567890'],
        env,
      );
      expect(res.code, res.output).not.toBe(0);
      expect(res.output).toMatch(/auth\.weak_password: Choose a stronger password/);
      const list = await run(['user', 'list', '--json'], env);
      expect(JSON.parse(list.output)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
