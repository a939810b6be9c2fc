import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../test/factories';
import { createTestApp, request, type TestApp } from '../test/server';
import { errorHandler } from './problem';

/** Requests the API fuzz suite (test/fuzz) once answered with a 5xx, a stall or a non-problem. */
describe('inputs found by fuzzing', () => {
  let t: TestApp;
  let admin: Who;
  let staff: Who;
  beforeAll(async () => {
    t = await createTestApp();
    [admin, staff] = await people(t, ['admin', 'staff'] as const);
  });
  afterAll(() => t.close());

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect((res.json() as { code: string }).code).toBe(code);
  };

  it('answers a path segment longer than any id with a 404 problem, not a plain 414', async () => {
    const res = await request(t, staff, 'GET', `/api/v1/resources/${'x'.repeat(201)}`);
    expectProblem(res, 404, 'request.not_found');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers a path segment that is not valid percent-encoding (%ED%A0%80) with a 404 problem', async () => {
    const res = await request(t, staff, 'POST', '/api/v1/bookings/%ED%A0%80%ED%A0%80/check-out');
    expectProblem(res, 404, 'request.not_found');
  });

  it('refuses free/busy from month 58 at hour 93 (start=8681-58-26T93:40-14:00) instead of a 500', async () => {
    const res = await request(
      t,
      staff,
      'GET',
      `/api/v1/freebusy?users=${staff.user.id}&start=8681-58-26T93%3A40-14%3A00&end=2026-12-23T01%3A00%3A00Z`,
    );
    expectProblem(res, 400, 'request.bad_query');
  });

  it('ignores a free/busy "user id" of 36 dashes instead of sending it to the database', async () => {
    const res = await request(
      t,
      staff,
      'GET',
      `/api/v1/freebusy?users=${'-'.repeat(36)}&start=2026-01-01T00:00:00Z&end=2026-02-01T00:00:00Z`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ busy: [] });
  });

  it.each([
    '/api/v1/calendar?start=0000-01-01T00:00:00Z&end=0001-01-01T00:00:00Z&holidays=false',
    '/api/v1/resources/availability?start=0000-01-01T00:00:00Z&end=0000-02-01T00:00:00Z',
    '/api/v1/bookings?from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z',
  ])('refuses year 0, which PostgreSQL cannot store, in %s', async (url) => {
    const res = await request(t, admin, 'GET', url);
    expectProblem(res, 400, 'request.bad_query');
  });

  it('shows holidays of at most five years for a window of six millennia (start=1409-11-18, end=7412-10-19)', async () => {
    const res = await request(
      t,
      staff,
      'GET',
      '/api/v1/calendar?start=1409-11-18T20%3A59Z&end=7412-10-19T14%3A05%3A30.15881%2B12%3A57&holidays=true&tz=Pacific%2FKiritimati',
    );
    expect(res.statusCode).toBe(200);
    const years = new Set(
      (res.json() as { occurrences: { kind: string; start: string }[] }).occurrences
        .filter((o) => o.kind === 'holiday')
        .map((o) => o.start.slice(0, 4)),
    );
    expect([...years].sort()).toEqual(['1900', '1901', '1902', '1903', '1904']);
  });

  it('answers a value PostgreSQL refuses as out of range (SQLSTATE 22008, 22P02, 22003) with a 422 problem', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/:state', async (req) => {
      throw Object.assign(new Error('date/time field value out of range'), {
        code: (req.params as { state: string }).state,
      });
    });
    for (const state of ['22008', '22P02', '22003']) {
      const res = await app.inject({ method: 'GET', url: `/${state}` });
      expectProblem(res, 422, 'request.invalid');
    }
    const other = await app.inject({ method: 'GET', url: '/XX000' });
    expect(other.statusCode).toBe(500);
    await app.close();
  });
});
