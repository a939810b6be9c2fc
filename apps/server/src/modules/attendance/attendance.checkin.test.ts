import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';
import { actorOf, client, fromNow, HOUR, MIN, type Who } from './attendance.fixtures';
import * as attendance from './attendance.service';

let t: TestApp;
let c: ReturnType<typeof client>;
let organiser: Who;
let amina: Who;
beforeAll(async () => {
  t = await createTestApp();
  c = client(t);
  [organiser, amina] = await people(t, ['staff', 'staff']);
});
afterAll(() => t.close());

const checkedIn = async (itemId: string) =>
  (
    await t.db.query<{ n: number }>(
      'select count(*)::int as n from attendance a join participants p on p.id = a.participant_id where p.item_id = $1',
      [itemId],
    )
  ).rows[0]!.n;

/** A daily series of three, the first occurrence from 30 minutes ago to 30 minutes ahead. */
const daily = () => c.item(organiser, { title: 'Daily briefing', rrule: 'FREQ=DAILY;COUNT=3' });

describe('cancelled events and occurrences', () => {
  it('refuses a check-in for a cancelled event, by the participant and by the organiser’s scanner (409)', async () => {
    const item = await c.item(organiser);
    const p = await c.invite(organiser, item.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, item.id);
    const badge = (
      await c.req(organiser, 'GET', `/api/v1/items/${item.id}/participants/${p.id}/code`)
    ).json();
    const cancel = await c.req(organiser, 'PATCH', `/api/v1/items/${item.id}`, { status: 'cancelled' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    for (const [who, code] of [
      [amina, token],
      [organiser, badge.token],
    ] as const) {
      const res = await c.scan(who, 'check-in', { token: code });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('attendance.cancelled');
    }
    expect(await checkedIn(item.id)).toBe(0);
  });

  it('refuses a check-in for an occurrence deleted from its series or cancelled as an exception', async () => {
    for (const cancel of [
      (id: string, start: string) =>
        c.req(organiser, 'DELETE', `/api/v1/items/${id}?scope=this&occurrence=${start}`),
      (id: string, start: string) =>
        c.req(organiser, 'PATCH', `/api/v1/items/${id}?scope=this&occurrence=${start}`, {
          status: 'cancelled',
        }),
    ]) {
      const s = await daily();
      await c.invite(organiser, s.id, { userId: amina.user.id });
      const start = new Date(s.dtstart.endsWith('Z') ? s.dtstart : `${s.dtstart}Z`).toISOString();
      const { token } = await c.eventCode(organiser, s.id, start);
      const done = await cancel(s.id, start);
      expect(done.statusCode, done.body).toBeLessThan(300);
      const res = await c.scan(amina, 'check-in', { token });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('attendance.cancelled');
      expect(await checkedIn(s.id)).toBe(0);
    }
  });

  it('refuses a check-in for an occurrence excluded from its series (EXDATE)', async () => {
    const s = await daily();
    await c.invite(organiser, s.id, { userId: amina.user.id });
    const start = new Date(s.dtstart.endsWith('Z') ? s.dtstart : `${s.dtstart}Z`).toISOString();
    const { token } = await c.eventCode(organiser, s.id, start);
    const excluded = await c.req(organiser, 'PATCH', `/api/v1/items/${s.id}?scope=all`, { exdates: [start] });
    expect(excluded.statusCode, excluded.body).toBe(200);
    const res = await c.scan(amina, 'check-in', { token });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('attendance.cancelled');
  });
});

describe('no codes for what is cancelled', () => {
  it('issues no event code or badge for a cancelled event or occurrence (409)', async () => {
    const one = await c.item(organiser);
    const s = await daily();
    const start = new Date(s.dtstart.endsWith('Z') ? s.dtstart : `${s.dtstart}Z`).toISOString();
    const pOne = await c.invite(organiser, one.id, { userId: amina.user.id });
    const pS = await c.invite(organiser, s.id, { userId: amina.user.id });
    const cancel = await c.req(organiser, 'PATCH', `/api/v1/items/${one.id}`, { status: 'cancelled' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const gone = await c.req(organiser, 'DELETE', `/api/v1/items/${s.id}?scope=this&occurrence=${start}`);
    expect(gone.statusCode, gone.body).toBe(204);
    const q = `?occurrence=${encodeURIComponent(start)}`;
    for (const [who, url] of [
      [organiser, `/api/v1/items/${one.id}/check-in-code`],
      [organiser, `/api/v1/items/${one.id}/check-in-code.png`],
      [amina, `/api/v1/items/${one.id}/participants/${pOne.id}/code`],
      [organiser, `/api/v1/items/${s.id}/check-in-code${q}`],
      [organiser, `/api/v1/items/${s.id}/check-in-code.svg${q}`],
      [amina, `/api/v1/items/${s.id}/participants/${pS.id}/code${q}`],
    ] as const) {
      const res = await c.req(who, 'GET', url);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().code).toBe('attendance.cancelled');
    }
    // The next occurrence still has its code.
    const next = new Date(Date.parse(start) + 24 * HOUR).toISOString();
    expect((await c.eventCode(organiser, s.id, next)).token).toBeTruthy();
  });

  it('refuses a code issued before "this and following" was deleted', async () => {
    const s = await daily();
    await c.invite(organiser, s.id, { userId: amina.user.id });
    const start = Date.parse(s.dtstart.endsWith('Z') ? s.dtstart : `${s.dtstart}Z`);
    const second = new Date(start + 24 * HOUR).toISOString();
    const code = await c.eventCode(organiser, s.id, second);
    const gone = await c.req(organiser, 'DELETE', `/api/v1/items/${s.id}?scope=future&occurrence=${second}`);
    expect(gone.statusCode, gone.body).toBe(204);
    const res = await c.scan(amina, 'check-in', { token: code.token });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('attendance.cancelled');
  });
});

describe('a moved occurrence', () => {
  it('is checked into around its new time with the code issued before the move, never at the old time', async () => {
    const s = await daily();
    const p = await c.invite(organiser, s.id, { userId: amina.user.id });
    const start = new Date(s.dtstart.endsWith('Z') ? s.dtstart : `${s.dtstart}Z`).toISOString();
    const { token } = await c.eventCode(organiser, s.id, start);
    const moved = await c.req(organiser, 'PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=${start}`, {
      start: fromNow(6 * HOUR),
      end: fromNow(7 * HOUR),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // At the old time (now) the code is no longer valid: the occurrence starts in 6 hours.
    const old = await c.scan(amina, 'check-in', { token });
    expect(old.statusCode).toBe(403);
    expect(old.json().code).toBe('attendance.code_not_yet_valid');
    expect(await checkedIn(s.id)).toBe(0);
    // At the new time the same code checks Amina in (the clock handed to the service).
    const deps = { db: t.db };
    const atNewTime = Date.parse(fromNow(6 * HOUR)) + 10 * MIN;
    const state = await attendance.checkIn(deps, actorOf(amina), { token }, atNewTime);
    expect(state).toMatchObject({ participantId: p.id, status: 'checked_in' });
  });

  it('accepts now a code of tomorrow’s occurrence that was moved to now', async () => {
    const s = await daily();
    await c.invite(organiser, s.id, { userId: amina.user.id });
    const tomorrow = new Date(Date.parse(fromNow(-30 * MIN)) + 24 * HOUR).toISOString();
    const { token } = await c.eventCode(organiser, s.id, tomorrow);
    expect((await c.scan(amina, 'check-in', { token })).json().code).toBe('attendance.code_not_yet_valid');
    const moved = await c.req(organiser, 'PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=${tomorrow}`, {
      start: fromNow(-10 * MIN),
      end: fromNow(50 * MIN),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const res = await c.scan(amina, 'check-in', { token });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('the confirmation before a self check-in', () => {
  it('shows the event and its current time and records nothing; the title only to those who may read it', async () => {
    const [stranger] = await people(t, ['staff']);
    const item = await c.item(organiser, { title: 'Peace covenant signing' });
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, item.id);
    const seen = await c.req(amina, 'POST', '/api/v1/attendance/check-in/preview', { token });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({
      itemId: item.id,
      title: 'Peace covenant signing',
      start: fromNow(-30 * MIN),
      end: fromNow(30 * MIN),
      cancelled: false,
    });
    expect(await checkedIn(item.id)).toBe(0);
    const other = await c.req(stranger, 'POST', '/api/v1/attendance/check-in/preview', { token });
    expect(other.json().title).toBeNull();
    const forged = await c.req(amina, 'POST', '/api/v1/attendance/check-in/preview', { token: `${token}x` });
    expect(forged.json().code).toBe('attendance.invalid_code');
  });
});

describe('the request log', () => {
  let logged: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    logged = await createTestApp({}, { logTo: lines });
  });
  afterAll(() => logged?.close());

  it('carries no check-in code, neither from the query nor from the path', async () => {
    const item = await c.item(organiser);
    const { token } = await c.eventCode(organiser, item.id);
    await logged.app.inject({ url: `/check-in?token=${token}` });
    await logged.app.inject({ url: `/check-in?lang=en&token=${encodeURIComponent(token)}&x=1` });
    await logged.app.inject({ url: `/api/v1/attendance/${token}` });
    const urls = lines.map((l) => JSON.parse(l)).flatMap((e) => (e.req?.url ? [e.req.url as string] : []));
    expect(urls).toEqual([
      '/check-in?token=[redacted]',
      '/check-in?lang=en&token=[redacted]&x=1',
      '/api/v1/attendance/[redacted]',
    ]);
    const [body, signature] = token.split('.');
    for (const line of lines) {
      expect(line).not.toContain(body);
      expect(line).not.toContain(signature);
    }
  });
});
