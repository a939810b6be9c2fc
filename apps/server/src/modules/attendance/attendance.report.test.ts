import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';
import { client, HOUR, MIN, utcLocal, type Who } from './attendance.fixtures';
import { csvField } from './attendance.report';
import { signingKey, verifyCode } from './attendance.token';
import { columnName } from './xlsx';

let t: TestApp;
let c: ReturnType<typeof client>;
let organiser: Who;
let amina: Who;
let omar: Who;
let coordinator: Who;
beforeAll(async () => {
  t = await createTestApp();
  c = client(t);
  [organiser, amina, omar, coordinator] = await people(t, ['staff', 'staff', 'staff', 'coordinator']);
});
afterAll(() => t.close());

const DAY = 24 * HOUR;

/** The entries of a ZIP archive, read from its local headers (enough for what `zip` writes). */
function unzip(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const start = at + 30 + nameLen + buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString();
    out[name] = inflateRawSync(buf.subarray(start, start + size)).toString();
    at = start + size;
  }
  return out;
}
const iso = (ms: number) => new Date(ms).toISOString();

describe('attendance of a weekly series, per occurrence', () => {
  it('checks in to this week’s occurrence only; codes of next week are not valid yet', async () => {
    const thisWeek = Math.floor((Date.now() - 30 * MIN) / MIN) * MIN;
    const series = await c.item(organiser, {
      start: iso(thisWeek - 7 * DAY),
      end: iso(thisWeek - 7 * DAY + HOUR),
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
    const [now, next] = [utcLocal(iso(thisWeek)), utcLocal(iso(thisWeek + 7 * DAY))];
    const a = await c.invite(organiser, series.id, { userId: amina.user.id });
    const o = await c.invite(organiser, series.id, { userId: omar.user.id });

    const missing = await c.req(organiser, 'GET', `/api/v1/items/${series.id}/check-in-code`);
    expect(missing.json().code).toBe('item.occurrence_required');
    const code = await c.eventCode(organiser, series.id, now);
    expect((await c.scan(amina, 'check-in', { token: code.token })).json()).toMatchObject({
      occurrence: now,
      status: 'checked_in',
    });
    const nextCode = await c.eventCode(organiser, series.id, next);
    const early = await c.scan(omar, 'check-in', { token: nextCode.token });
    expect(early.json().code).toBe('attendance.code_not_yet_valid');
    // The organiser records Omar by hand for next week (e.g. a correction).
    const manual = await c.req(
      organiser,
      'POST',
      `/api/v1/items/${series.id}/participants/${o.id}/check-in`,
      {
        occurrence: next,
      },
    );
    expect(manual.json()).toMatchObject({ method: 'manual', status: 'checked_in', occurrence: next });
    const byAmina = await c.req(amina, 'POST', `/api/v1/items/${series.id}/participants/${o.id}/check-in`, {
      occurrence: next,
    });
    expect(byAmina.statusCode).toBe(403);

    const report = async (occ: string) =>
      (await c.req(organiser, 'GET', `/api/v1/items/${series.id}/attendance?occurrence=${occ}`)).json();
    const thisReport = await report(now);
    expect(thisReport.totals).toMatchObject({ participants: 2, checkedIn: 1, checkedOut: 0 });
    expect(thisReport.rows.find((r: { participantId: string }) => r.participantId === a.id)).toMatchObject({
      status: 'checked_in',
      method: 'qr_code',
    });
    const nextReport = await report(next);
    expect(nextReport.rows.find((r: { participantId: string }) => r.participantId === a.id).status).toBe(
      'not_checked_in',
    );
    expect(nextReport.rows.find((r: { participantId: string }) => r.participantId === o.id).method).toBe(
      'manual',
    );
    expect((await report(utcLocal(iso(thisWeek - 7 * DAY)))).totals.checkedIn).toBe(0);
  });
});

describe('attendance report', () => {
  it('lists RSVP, status, method and times per participant with totals, and as CSV', async () => {
    const item = await c.item(organiser, { title: 'Validation workshop' });
    await c.invite(organiser, item.id, { userId: amina.user.id });
    const guest = await c.invite(organiser, item.id, {
      guest: { name: '=HYPERLINK("x")', organisation: 'Tribal council, Upi' },
    });
    await c.invite(organiser, item.id, { userId: omar.user.id });
    await c.req(amina, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'going' });
    await c.req(omar, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'declined' });
    const { token } = await c.eventCode(organiser, item.id);
    const inAt = (await c.scan(amina, 'check-in', { token })).json().checkedInAt;
    await c.req(organiser, 'POST', `/api/v1/items/${item.id}/participants/${guest.id}/check-in`);
    await c.req(organiser, 'POST', `/api/v1/items/${item.id}/participants/${guest.id}/check-out`);

    const json = await c.req(organiser, 'GET', `/api/v1/items/${item.id}/attendance`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().totals).toEqual({
      participants: 3,
      going: 1,
      maybe: 0,
      declined: 1,
      noResponse: 1,
      checkedIn: 2,
      checkedOut: 1,
      walkIns: 0,
    });
    expect((await c.req(amina, 'GET', `/api/v1/items/${item.id}/attendance`)).statusCode).toBe(403);

    const csv = await c.req(organiser, 'GET', `/api/v1/items/${item.id}/attendance?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // The file is named by the item's id: a private title must not travel in a file name.
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="attendance-${item.id}.csv"`);
    expect(csv.headers['content-disposition']).not.toContain('Validation');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('name,email,organisation,guest,walkIn,rsvp,status,method,checkedInAt,checkedOutAt');
    expect(lines).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(lines).toContain(
      `${amina.user.name},${amina.user.email},,false,false,going,checked_in,qr_code,${inAt},`,
    );
    expect(lines).toContain(`${omar.user.name},${omar.user.email},,false,false,declined,not_checked_in,,,`);
    const guestLine = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(guestLine).toMatch(
      /^"'=HYPERLINK\(""x""\)",,"Tribal council, Upi",true,false,,checked_out,manual,/,
    );
  });

  it('downloads the report as an Excel workbook with the same header and rows', async () => {
    const item = await c.item(organiser, { title: 'Peace covenant signing' });
    await c.invite(organiser, item.id, { guest: { name: 'Bai <Sittie> & co', organisation: 'BARMM' } });
    const res = await c.req(organiser, 'GET', `/api/v1/items/${item.id}/attendance?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="attendance-${item.id}.xlsx"`);
    const files = unzip(res.rawPayload);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']),
    );
    const sheet = files['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="J1" t="inlineStr"><is><t xml:space="preserve">checkedOutAt</t></is></c>');
    expect(sheet).toContain('Bai &lt;Sittie&gt; &amp; co');
    expect(sheet).toContain('<c r="D2" t="b"><v>1</v></c>');
    expect([0, 25, 26, 27, 701].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
  });

  it('quotes CSV fields by RFC 4180 and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
  });
});

describe('attendance summary', () => {
  it('gives the rate by kind and by month to coordinators, not to staff', async () => {
    const from = iso(Date.now() - 2 * DAY);
    const to = iso(Date.now() + 2 * DAY);
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const res = await c.req(coordinator, 'GET', `/api/v1/attendance/summary?${q}&groupBy=kind`);
    expect(res.statusCode, res.body).toBe(200);
    const event = res.json().groups.find((g: { key: string }) => g.key === 'event');
    expect(event.expected).toBeGreaterThan(0);
    expect(event.attended).toBeGreaterThan(0);
    expect(event.rate).toBeCloseTo(event.attended / event.expected, 3);
    const month = await c.req(coordinator, 'GET', `/api/v1/attendance/summary?${q}&groupBy=month`);
    expect(month.json().groups.every((g: { key: string }) => /^\d{4}-\d{2}$/.test(g.key))).toBe(true);
    const community = await c.req(coordinator, 'GET', `/api/v1/attendance/summary?${q}&groupBy=community`);
    expect(community.json().groups[0]).toMatchObject({ key: 'none', label: 'No community' });
    expect((await c.req(amina, 'GET', `/api/v1/attendance/summary?${q}`)).statusCode).toBe(403);
  });

  it('answers with what it can count when a stored series is too costly to expand (truncated, not 422)', async () => {
    // A SECONDLY series from 2020 as the database may hold it from before the limits.
    const { rows } = await t.db.query<{ id: string }>(
      `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at, rrule,
                          series_end_at, organizer_id, uid, visibility)
       values ((select id from calendars where owner_id = $1 and kind = 'personal'), 'engagement', 'Every second',
               false, '2020-01-01T00:00:00', '2020-01-01T00:00:30', 'UTC', '2020-01-01T00:00:00Z',
               '2020-01-01T00:00:30Z', 'FREQ=SECONDLY;COUNT=100000000', null, $1, gen_random_uuid() || '@kalendaryo',
               'public')
       returning id`,
      [organiser.user.id],
    );
    await c.invite(organiser, rows[0]!.id, { userId: amina.user.id });
    const ordinary = await c.item(organiser, { kind: 'assessment', title: 'Baseline survey' });
    await c.invite(organiser, ordinary.id, { userId: omar.user.id });
    const from = iso(Date.now() - 2 * DAY);
    const to = iso(Date.now() + 2 * DAY);
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=kind`;
    const res = await c.req(coordinator, 'GET', `/api/v1/attendance/summary?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().truncated).toBe(true);
    expect(res.json().groups.find((g: { key: string }) => g.key === 'assessment')).toMatchObject({
      occurrences: 1,
      expected: 1,
    });
  });
});

describe('signing key', () => {
  it('is generated once and kept in settings; a configured key (KALENDARYO_ATTENDANCE_KEY) overrides it', async () => {
    const k1 = await signingKey(t.db, undefined);
    const stored = await t.db.query<{ value: string }>(
      "select value from settings where key = 'attendance_hmac_key'",
    );
    expect(Buffer.from(stored.rows[0]!.value, 'base64url').equals(k1)).toBe(true);
    expect((await signingKey(t.db, undefined)).equals(k1)).toBe(true);
    expect((await signingKey(t.db, 'shared secret')).toString()).toBe('shared secret');
  });

  it('signs codes with the configured key when the server is given one', async () => {
    const shared = await createTestApp({ attendanceKey: 'shared secret' });
    try {
      const sc = client(shared);
      const [host] = await people(shared, ['staff']);
      const item = await sc.item(host);
      const { token } = await sc.eventCode(host, item.id);
      expect(verifyCode(Buffer.from('shared secret'), token, Date.now()).itemId).toBe(item.id);
      const generated = await signingKey(shared.db, undefined);
      expect(() => verifyCode(generated, token, Date.now())).toThrow(
        expect.objectContaining({ code: 'attendance.invalid_code' }),
      );
    } finally {
      await shared.close();
    }
  });
});
