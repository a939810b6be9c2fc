import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../test/factories';
import { createTestApp, type TestApp } from '../test/server';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInUser>>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInUser(t.app, t.db, 'admin');
});
afterAll(() => t.close());

describe('problem details for bad requests', () => {
  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.app.inject({ url: '/api/v1/no-such-thing', headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'request.not_found', title: 'Not found' });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/nowhere' })).statusCode).toBe(404);
  });

  it('answers an oversize body with 413 and writes nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        email: 'big@oobc.example',
        name: 'x'.repeat(2 * 1024 * 1024),
        password: 'long enough pw',
        role: 'staff',
      }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
    expect((await t.db.query("select 1 from users where email = 'big@oobc.example'")).rowCount).toBe(0);
  });

  it('answers malformed JSON with 400, a wrong content type with 415, hostile JSON without crashing', async () => {
    const headers = { ...admin.headers, 'content-type': 'application/json' };
    for (const payload of ['{', 'nul', '{"email": "a@b.c",}', '\u0000']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().code).toBe('request.malformed_json');
    }
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin.headers, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    for (const payload of [
      '[]',
      '"text"',
      '42',
      'null',
      '{"__proto__": {"role": "admin"}}',
      '{"constructor": {"prototype": {}}}',
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
      expect([400, 422], payload).toContain(res.statusCode);
      expect(res.json().code).toMatch(/^request\./);
    }
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('gives each response a request id, echoed from a sane x-request-id header, and security headers', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().instance).toBe('urn:request:trace-123');
    const hostile = await t.app.inject({ url: '/api/v1/nope', headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('health and API documentation', () => {
  it('reports the database kind', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.db.kind, checks: { database: 'up' } });
    expect(['pglite', 'postgresql']).toContain(res.json().database);
  });

  it('serves OpenAPI 3.1 generated from the contract, and the browsable reference', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const createUser = doc.paths['/api/v1/users'].post;
    expect(createUser.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'name', 'password', 'role']),
    );
    expect(createUser.requestBody.content['application/json'].schema.properties.role.enum).toEqual([
      'admin',
      'coordinator',
      'staff',
      'viewer',
    ]);
    expect(doc.paths['/api/v1/auth/login'].post).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('first-run set-up', () => {
  it('creates the first administrator once, signed in, and refuses afterwards', async () => {
    const fresh = await createTestApp();
    try {
      expect((await fresh.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
      const body = { email: 'first@oobc.example', name: 'First Admin', password: 'a long password' };
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          fresh.app.inject({
            method: 'POST',
            url: '/api/v1/setup',
            payload: { ...body, email: `first${i}@oobc.example` },
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(
        results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'setup.already_done'),
      ).toBe(true);
      const created = results.find((r) => r.statusCode === 201)!;
      expect(created.json().user.role).toBe('admin');
      const cookie = created.cookies.find((c) => c.name === 'kalendaryo_session')!;
      const me = await fresh.app.inject({
        url: '/api/v1/auth/me',
        cookies: { kalendaryo_session: cookie.value },
      });
      expect(me.json().user.email).toBe(created.json().user.email);
      expect((await fresh.app.inject({ url: '/api/v1/setup' })).json()).toEqual({ needsSetup: false });
      expect((await fresh.db.query('select 1 from users')).rowCount).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
