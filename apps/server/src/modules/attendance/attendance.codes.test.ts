import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';
import { actorOf, client, fromNow, HOUR, MIN, type Who } from './attendance.fixtures';
import * as attendance from './attendance.service';
import { signCode } from './attendance.token';

let t: TestApp;
let c: ReturnType<typeof client>;
let organiser: Who;
let amina: Who;
let omar: Who;
beforeAll(async () => {
  t = await createTestApp();
  c = client(t);
  [organiser, amina, omar] = await people(t, ['staff', 'staff', 'staff']);
});
afterAll(() => t.close());

const rowsOf = async (itemId: string) =>
  (
    await t.db.query<{ n: number }>(
      'select count(*)::int as n from attendance a join participants p on p.id = a.participant_id where p.item_id = $1',
      [itemId],
    )
  ).rows[0]!.n;

describe('event check-in code', () => {
  it('is issued to the organiser with a QR image, and checks a participant in and out idempotently', async () => {
    const item = await c.item(organiser);
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const code = await c.eventCode(organiser, item.id);
    expect(code.url).toContain(`/check-in?token=${code.token}`);
    expect(code.qrSvg).toContain('<svg');
    expect(Date.parse(code.expiresAt)).toBeGreaterThan(Date.now() + 2 * HOUR);
    const svg = await c.req(organiser, 'GET', `/api/v1/items/${item.id}/check-in-code.svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const png = await c.req(organiser, 'GET', `/api/v1/items/${item.id}/check-in-code.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // A participant may not issue the event's code.
    expect((await c.req(amina, 'GET', `/api/v1/items/${item.id}/check-in-code`)).statusCode).toBe(403);

    const first = await c.scan(amina, 'check-in', { token: code.token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'checked_in', method: 'qr_code', checkedOutAt: null });
    const again = await c.scan(amina, 'check-in', { token: code.token });
    expect(again.json()).toEqual(first.json());

    const out = await c.scan(amina, 'check-out', { token: code.token, method: 'nfc' });
    expect(out.json()).toMatchObject({ status: 'checked_out', checkedInAt: first.json().checkedInAt });
    expect((await c.scan(amina, 'check-out', { token: code.token })).json()).toEqual(out.json());
    const back = await c.scan(amina, 'check-in', { token: code.token });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('attendance.invalid_transition');
    expect(await rowsOf(item.id)).toBe(1);
  });

  it('refuses checking out before checking in (409)', async () => {
    const item = await c.item(organiser);
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, item.id);
    const res = await c.scan(amina, 'check-out', { token });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('attendance.invalid_transition');
  });

  it('treats 20 concurrent identical check-ins as one: one row, one state', async () => {
    const item = await c.item(organiser);
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, item.id);
    const all = await Promise.all(Array.from({ length: 20 }, () => c.scan(amina, 'check-in', { token })));
    expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(all.map((r) => r.json().checkedInAt)).size).toBe(1);
    expect(await rowsOf(item.id)).toBe(1);
  });
});

describe('codes that cannot be forged', () => {
  it('refuses a flipped byte in the payload or the signature, and foreign keys, writing nothing', async () => {
    const item = await c.item(organiser);
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, item.id);
    const [body, sig] = token.split('.') as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86_400 * 365 })).toString(
      'base64url',
    );
    const foreign = signCode(Buffer.from('not the server key'), payload);
    const forged = [
      `${flip(body, 10)}.${sig}`,
      `${body}.${flip(sig, 5)}`,
      `${widened}.${sig}`,
      foreign,
      `${body}.`,
      body,
      'garbage',
      `${body}.${sig}.x`,
    ];
    for (const f of forged) {
      const res = await c.scan(amina, 'check-in', { token: f });
      expect(res.statusCode, f).toBe(400);
      expect(res.json().code).toBe('attendance.invalid_code');
    }
    expect(await rowsOf(item.id)).toBe(0);
    expect((await c.scan(amina, 'check-in', { token })).statusCode).toBe(200);
  });

  it('never checks anyone into another event with a code of this one', async () => {
    const a = await c.item(organiser, { title: 'Event A' });
    const b = await c.item(organiser, { title: 'Event B' });
    await c.invite(organiser, b.id, { userId: omar.user.id });
    const codeA = await c.eventCode(organiser, a.id);
    const res = await c.scan(omar, 'check-in', { token: codeA.token });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('attendance.not_invited');
    // A scanner set to event B refuses A's code outright.
    const wrong = await c.scan(omar, 'check-in', { token: codeA.token, itemId: b.id });
    expect(wrong.json().code).toBe('attendance.wrong_event');
    // A badge of A scanned at B's door: refused; without the door, it checks in at A only.
    const guest = await c.invite(organiser, a.id, { guest: { name: 'Bai Fatima' } });
    const badge = (
      await c.req(organiser, 'GET', `/api/v1/items/${a.id}/participants/${guest.id}/code`)
    ).json();
    expect((await c.scan(organiser, 'check-in', { token: badge.token, itemId: b.id })).statusCode).toBe(403);
    const atA = await c.scan(organiser, 'check-in', { token: badge.token });
    expect(atA.json()).toMatchObject({ itemId: a.id, participantId: guest.id, status: 'checked_in' });
    expect(await rowsOf(b.id)).toBe(0);
  });
});

describe('validity window', () => {
  it('refuses expired and not yet valid codes, by the clock the service is given', async () => {
    const item = await c.item(organiser);
    const p = await c.invite(organiser, item.id, { userId: amina.user.id });
    const code = await c.eventCode(organiser, item.id);
    const deps = { db: t.db };
    const exp = Date.parse(code.expiresAt);
    const nbf = Date.parse(code.notBefore);
    expect(exp - nbf).toBe(HOUR + 4 * HOUR);
    await expect(
      attendance.checkIn(deps, actorOf(amina), { token: code.token }, exp + 1000),
    ).rejects.toMatchObject({
      code: 'attendance.code_expired',
    });
    await expect(
      attendance.checkIn(deps, actorOf(amina), { token: code.token }, nbf - 1000),
    ).rejects.toMatchObject({
      code: 'attendance.code_not_yet_valid',
    });
    const edge = await attendance.checkIn(deps, actorOf(amina), { token: code.token }, exp - 1000);
    expect(edge).toMatchObject({ participantId: p.id, status: 'checked_in' });
  });

  it('refuses over HTTP a code of an event that ended more than 2 hours ago, unless the organiser scanned the badge in time offline', async () => {
    const past = await c.item(organiser, { start: fromNow(-5 * HOUR), end: fromNow(-3 * HOUR) });
    const p = await c.invite(organiser, past.id, { userId: amina.user.id });
    const { token } = await c.eventCode(organiser, past.id);
    const late = await c.scan(amina, 'check-in', { token });
    expect(late.statusCode).toBe(403);
    expect(late.json().code).toBe('attendance.code_expired');
    // A self check-in cannot back-date itself: its scannedAt is not trusted, the code is judged now.
    const backDated = await c.scan(amina, 'check-in', { token, scannedAt: fromNow(-4 * HOUR) });
    expect(backDated.statusCode).toBe(403);
    expect(backDated.json().code).toBe('attendance.code_expired');
    expect(await rowsOf(past.id)).toBe(0);

    // The organiser's scanner queued Amina's badge 4 h ago (during the event), sent now: verified then.
    const badge = (
      await c.req(organiser, 'GET', `/api/v1/items/${past.id}/participants/${p.id}/code`)
    ).json();
    const scannedAt = fromNow(-4 * HOUR);
    const queued = await c.scan(organiser, 'check-in', { token: badge.token, scannedAt });
    expect(queued.statusCode, queued.body).toBe(200);
    expect(queued.json().checkedInAt).toBe(new Date(scannedAt).toISOString());
    // Outside the occurrence's window (2 h after it ended) even the organiser's queue is refused.
    const afterWindow = await c.scan(organiser, 'check-out', {
      token: badge.token,
      scannedAt: fromNow(-30 * MIN),
    });
    expect(afterWindow.statusCode).toBe(403);
    expect(afterWindow.json().code).toBe('attendance.code_expired');
    const stale = await c.scan(organiser, 'check-in', { token: badge.token, scannedAt: fromNow(-30 * HOUR) });
    expect(stale.statusCode).toBe(422);
  });
});

describe('walk-ins and personal codes', () => {
  it('refuses users who are not invited unless the organiser allows walk-ins', async () => {
    const item = await c.item(organiser);
    const { token } = await c.eventCode(organiser, item.id);
    const refused = await c.scan(omar, 'check-in', { token });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('attendance.not_invited');
    const settings = await c.req(organiser, 'PATCH', `/api/v1/items/${item.id}/attendance-settings`, {
      allowWalkIns: true,
    });
    expect(settings.json()).toEqual({ allowWalkIns: true, needsViewers: [] });
    expect((await c.req(organiser, 'GET', `/api/v1/items/${item.id}/attendance-settings`)).json()).toEqual({
      allowWalkIns: true,
      needsViewers: [],
    });
    expect(
      (await c.req(omar, 'PATCH', `/api/v1/items/${item.id}/attendance-settings`, { allowWalkIns: true }))
        .statusCode,
    ).toBe(404);
    const walkIn = await c.scan(omar, 'check-in', { token, method: 'nfc' });
    expect(walkIn.statusCode, walkIn.body).toBe(200);
    expect(walkIn.json()).toMatchObject({ status: 'checked_in', method: 'nfc', walkIn: true });
    const list = (await c.req(organiser, 'GET', `/api/v1/items/${item.id}/participants`)).json();
    expect(list.items).toEqual([expect.objectContaining({ userId: omar.user.id, walkIn: true })]);
  });

  it('checks a guest in when the organiser scans their badge; others may not, removed badges are void', async () => {
    const item = await c.item(organiser);
    const guest = await c.invite(organiser, item.id, {
      guest: { name: 'Hadji Usman', organisation: 'MILG' },
    });
    const mine = await c.invite(organiser, item.id, { userId: amina.user.id });
    const url = `/api/v1/items/${item.id}/participants`;
    const badge = (await c.req(organiser, 'GET', `${url}/${guest.id}/code`)).json();
    expect(badge.qrSvg).toContain('<svg');
    expect((await c.req(organiser, 'GET', `${url}/${guest.id}/code.png`)).headers['content-type']).toBe(
      'image/png',
    );
    // Amina sees her own badge, not the guest's, and cannot check anyone in with one.
    expect((await c.req(amina, 'GET', `${url}/${mine.id}/code`)).statusCode).toBe(200);
    expect((await c.req(amina, 'GET', `${url}/${guest.id}/code`)).statusCode).toBe(404);
    expect((await c.scan(amina, 'check-in', { token: badge.token })).statusCode).toBe(403);

    const scanned = await c.scan(organiser, 'check-in', { token: badge.token });
    expect(scanned.json()).toMatchObject({
      participantId: guest.id,
      status: 'checked_in',
      method: 'qr_code',
    });
    const out = await c.scan(organiser, 'check-out', { token: badge.token });
    expect(out.json().status).toBe('checked_out');

    await c.req(organiser, 'DELETE', `${url}/${guest.id}`);
    const removed = await c.scan(organiser, 'check-in', { token: badge.token });
    expect(removed.statusCode).toBe(400);
    expect(removed.json().code).toBe('attendance.invalid_code');
  });
});
