import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import {
  fixture,
  fixturePath,
  importOk,
  oracleAvailable,
  oracleStarts,
  postImport,
  startsByUid,
} from './ical.import.fixtures';

let t: TestApp;
let owner: Who;
let viewer: Who;
let stranger: Who;
let aliceId: string;
let bobId: string;

const newCalendar = async (name: string) =>
  ((await request(t, owner, 'POST', '/api/v1/calendars', { name })).json() as { id: string }).id;

const itemByUid = async (calendarId: string, uid: string) => {
  const r = await t.db.query<{ id: string }>(
    `select id from items where calendar_id = $1 and (uid = $2 or uid like $2 || '#%')`,
    [calendarId, uid],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`no item ${uid}`);
  return (await request(t, owner, 'GET', `/api/v1/items/${id}`)).json();
};

const participantsOf = async (itemId: string) =>
  (await request(t, owner, 'GET', `/api/v1/items/${itemId}/participants`)).json().items as {
    userId: string | null;
    name: string;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  [owner, viewer, stranger] = await people(t, ['coordinator', 'staff', 'staff']);
  aliceId = (await buildUser(t.db, { email: 'alice@kalendaryo.test', name: 'Alice' })).id;
  bobId = (await buildUser(t.db, { email: 'bob@kalendaryo.test', name: 'Bob' })).id;
});
afterAll(async () => t?.close());

describe('importing the exports of each producer', () => {
  it('Google: a weekly series with EXDATE, a moved and a cancelled occurrence, all-day, UTC, and guests', async () => {
    const cal = await newCalendar('Google');
    const result = await importOk(t, owner, cal, fixture('google-weekly-override-attendees.ics'));
    expect(result).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: [], dryRun: false });
    const starts = await startsByUid(t, owner, cal);
    const weekly = starts['5j3k2m1n0p9q8r7s6t5u4v3w2x@google.com'];
    expect(weekly).toHaveLength(18);
    expect(weekly).toContain('2026-01-28T06:00:00Z');
    expect(weekly).not.toContain('2026-01-19T01:00:00Z');
    expect(weekly).not.toContain('2026-02-09T01:00:00Z');
    expect(starts['0a1b2c3d4e5f6g7h8i9j@google.com']).toEqual(['2026-02-12']);
    const item = await itemByUid(cal, '5j3k2m1n0p9q8r7s6t5u4v3w2x@google.com');
    expect(item).toMatchObject({
      timeZone: 'Asia/Manila',
      title: 'Partner coordination – lingguhang pulong',
    });
    expect(item.description).toContain('café notes');
    expect(item.location).toBe('Cotabato City Hall, Room 2');
    const guests = await participantsOf(item.id);
    expect(guests.map((g) => g.userId ?? g.name).sort()).toEqual(
      [aliceId, 'Lena Park', 'Rahim Salic'].sort(),
    );
  });

  it('Outlook: Windows zone names, custom VTIMEZONEs matched to IANA or kept as offsets, overrides', async () => {
    const cal = await newCalendar('Outlook');
    const result = await importOk(t, owner, cal, fixture('outlook-windows-zones.ics'));
    expect(result).toMatchObject({ created: 5, skipped: [] });
    const uid =
      '040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DC0100000000000000001000000012345678901234567890ABCDEF';
    const sync = await itemByUid(cal, uid);
    expect(sync.timeZone).toBe('Europe/Berlin');
    const starts = await startsByUid(t, owner, cal);
    expect(starts[uid]).toHaveLength(15);
    expect(starts[uid]).toContain('2026-03-02T08:00:00Z'); // 09:00 CET
    expect(starts[uid]).toContain('2026-03-30T07:00:00Z'); // 09:00 CEST
    expect(starts[uid]).toContain('2026-04-01T13:00:00Z'); // moved to 15:00
    expect(starts[uid]).not.toContain('2026-04-08T07:00:00Z'); // cancelled
    expect(starts[uid]).not.toContain('2026-03-16T08:00:00Z'); // EXDATE
    const boston = await itemByUid(cal, '040000008200E00074C5B7101A82E00800000000AABBCCDDEEFF0011');
    expect(boston.timeZone).toBe('America/New_York');
    const odd = await itemByUid(cal, '040000008200E00074C5B7101A82E00800000000AABBCCDDEEFF0022');
    expect([odd.timeZone, odd.start]).toEqual(['UTC', '2026-03-11T04:43:00.000Z']);
    // An older Outlook's display name: offsets of +08:00 all year are the office's zone first.
    const display = await itemByUid(cal, '040000008200E00074C5B7101A82E00800000000AABBCCDDEEFF0044');
    expect([display.timeZone, display.start]).toEqual(['Asia/Manila', '2026-03-12T06:00:00.000Z']);
    expect(starts['040000008200E00074C5B7101A82E00800000000AABBCCDDEEFF0033']).toEqual([
      '2026-04-06',
      '2026-04-20',
    ]);
    expect((await participantsOf(sync.id)).map((g) => g.userId ?? g.name)).toContain(bobId);
  });

  it('Apple: RDATE with TZID, all-day, floating times, nested VALARM', async () => {
    const cal = await newCalendar('Apple');
    expect(await importOk(t, owner, cal, fixture('apple-icloud.ics'))).toMatchObject({
      created: 3,
      skipped: [],
    });
    const floating = await itemByUid(cal, 'F00DCAFE-0000-4000-8000-000000000001');
    expect([floating.timeZone, floating.dtstart]).toEqual([null, '2026-03-01T06:30:00']);
  });

  it('Thunderbird with LF line endings: several EXDATE properties, the old /mozilla.org zone names, a VTODO as a task', async () => {
    const cal = await newCalendar('Thunderbird');
    expect(await importOk(t, owner, cal, fixture('thunderbird-lf-only.ics'))).toMatchObject({
      created: 3,
      skipped: [],
    });
    const task = await itemByUid(cal, '5f0d7c2e-9a1b-4c3d-8e7f-112233445566');
    expect(task).toMatchObject({ kind: 'task', timeZone: 'Europe/Berlin' });
    expect(task.details).toMatchObject({
      taskStatus: 'in_progress',
      priority: 'urgent',
      dueAt: '2026-03-13T16:00:00.000Z',
    });
    expect((await itemByUid(cal, '/mozilla.org-old-style-zone')).timeZone).toBe('Europe/Berlin');
  });

  it('Nextcloud with CR line endings: EXDATE and RDATE lists, VALUE=DATE and PERIOD, private and tentative', async () => {
    const cal = await newCalendar('Nextcloud');
    expect(await importOk(t, owner, cal, fixture('nextcloud-sabre-cr-only.ics'))).toMatchObject({
      created: 2,
    });
    const visit = await itemByUid(cal, 'a9c3b2e1-7d6f-4e5a-9b8c-0d1e2f3a4b5c');
    expect(visit).toMatchObject({ visibility: 'private', status: 'tentative' });
    const starts = await startsByUid(t, owner, cal);
    expect(starts['c0ffee00-1111-2222-3333-444455556666']).toEqual([
      '2026-04-06',
      '2026-04-20',
      '2026-04-30',
      '2026-05-04',
      '2026-05-11',
    ]);
  });

  it('floating, UTC with DURATION and all-day without an end; refused rules, unknown zones and missing UIDs are skipped with reasons', async () => {
    const cal = await newCalendar('Mixed');
    const result = await importOk(t, owner, cal, fixture('floating-utc-allday.ics'));
    expect(result.created).toBe(4);
    expect(result.skipped.map((s) => s.uid).sort()).toEqual(
      ['', 'no-zone@fixtures', 'secondly@fixtures', 'unsupported-rule@fixtures'].sort(),
    );
    expect(result.skipped.find((s) => s.uid === 'unsupported-rule@fixtures')?.reason).toMatch(/RSCALE/);
    const utc = await itemByUid(cal, 'utc-1@fixtures');
    expect([utc.start, utc.end]).toEqual(['2026-05-10T23:00:00.000Z', '2026-05-11T00:30:00.000Z']);
    const days = await itemByUid(cal, 'allday-2@fixtures');
    expect([days.allDay, days.dtstart.slice(0, 10), days.dtend.slice(0, 10)]).toEqual([
      true,
      '2026-05-13',
      '2026-05-16',
    ]);
  });
});

describe.skipIf(!oracleAvailable())(
  'an independent reader (python-icalendar + dateutil) expands the same occurrences',
  () => {
    it.each([
      'google-weekly-override-attendees.ics',
      'apple-icloud.ics',
      'thunderbird-lf-only.ics',
      'nextcloud-sabre-cr-only.ics',
    ])('%s over 2026', async (name) => {
      const cal = await newCalendar(`Oracle ${name}`);
      await importOk(t, owner, cal, fixture(name));
      const expected = oracleStarts(fixturePath(name));
      const ours = await startsByUid(t, owner, cal);
      // The oracle expands events; tasks (VTODO) are left to the Thunderbird test above.
      expect(Object.fromEntries(Object.keys(expected).map((uid) => [uid, ours[uid]]))).toEqual(expected);
    });
  },
);
if (!oracleAvailable())
  console.warn('python3 with icalendar and dateutil is missing: the oracle comparison is skipped');

describe('re-importing, previews and refusals', () => {
  it('re-importing the same file changes nothing; a changed event is updated by UID with its SEQUENCE bumped', async () => {
    const cal = await newCalendar('Reimport');
    const text = fixture('google-weekly-override-attendees.ics');
    await importOk(t, owner, cal, text);
    expect(await importOk(t, owner, cal, text)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const before = await itemByUid(cal, 'utc-call-7731@google.com');
    const changed = text.replace(
      'SUMMARY:Call with New York office',
      'SUMMARY:Call with the New York office',
    );
    expect(await importOk(t, owner, cal, changed)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const after = await itemByUid(cal, 'utc-call-7731@google.com');
    expect([after.id, after.title, after.sequence]).toEqual([
      before.id,
      'Call with the New York office',
      before.sequence + 1,
    ]);
    const count = await t.db.query('select 1 from items where calendar_id = $1', [cal]);
    expect(count.rowCount).toBe(4);
  });

  it('the same file on a second calendar gets derived UIDs, and re-importing there finds them again', async () => {
    const first = await newCalendar('First');
    const second = await newCalendar('Second');
    const text = fixture('apple-icloud.ics');
    await importOk(t, owner, first, text);
    expect(await importOk(t, owner, second, text)).toMatchObject({ created: 3 });
    expect(await importOk(t, owner, second, text)).toMatchObject({ created: 0, unchanged: 3 });
    const derived = await itemByUid(second, 'F00DCAFE-0000-4000-8000-000000000001');
    expect(derived.uid).toBe(`F00DCAFE-0000-4000-8000-000000000001#${second}`);
  });

  it('keeps one change per occurrence (the highest SEQUENCE) and drops control characters from text', async () => {
    const cal = await newCalendar('Odd producer');
    const change = (seq: number, summary: string) =>
      `BEGIN:VEVENT\r\nUID:odd@x\r\nRECURRENCE-ID:20260602T090000Z\r\nSEQUENCE:${seq}\r\nDTSTART:20260602T100000Z\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`;
    const file = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:odd@x\r\nDTSTART:20260601T090000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Daily\u0000 check\u0007\r\nEND:VEVENT\r\n${change(2, 'Later')}${change(1, 'Earlier')}END:VCALENDAR\r\n`;
    expect(await importOk(t, owner, cal, file)).toMatchObject({ created: 1, skipped: [] });
    const item = await itemByUid(cal, 'odd@x');
    expect(item.title).toBe('Daily check');
    expect(item.exceptions.map((x: { title: string }) => x.title)).toEqual(['Later']);
    expect(await importOk(t, owner, cal, file)).toMatchObject({ unchanged: 1 });
  });

  it('?dryRun=true answers with the same counts and writes nothing', async () => {
    const cal = await newCalendar('Preview');
    const res = await postImport(t, owner, cal, fixture('outlook-windows-zones.ics'), true);
    expect(res.json()).toMatchObject({ created: 5, updated: 0, dryRun: true });
    expect((await t.db.query('select 1 from items where calendar_id = $1', [cal])).rowCount).toBe(0);
  });

  it('a broken file is 422 ical.invalid naming the line and property, and nothing is written', async () => {
    const cal = await newCalendar('Broken');
    const res = await postImport(t, owner, cal, fixture('broken-dtstart-line-18.ics'));
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('ical.invalid');
    expect(problem.errors[0]).toMatchObject({ field: 'line 18', code: 'DTSTART' });
    expect(problem.detail).toContain('2026-05-1x');
    expect((await t.db.query('select 1 from items where calendar_id = $1', [cal])).rowCount).toBe(0);
    const unbalanced = await postImport(
      t,
      owner,
      cal,
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n',
    );
    expect(unbalanced.json()).toMatchObject({
      code: 'ical.invalid',
      errors: [{ field: 'line 4', code: 'END' }],
    });
  });

  it('needs edit permission: a viewer of the calendar is 403, a stranger 404; JSON is 415 and over 10 MB is 413', async () => {
    const cal = await newCalendar('Guarded');
    await request(t, owner, 'PUT', `/api/v1/calendars/${cal}/members/${viewer.user.id}`, {
      permission: 'view',
    });
    const text = fixture('apple-icloud.ics');
    expect((await postImport(t, viewer, cal, text)).statusCode).toBe(403);
    expect((await postImport(t, stranger, cal, text)).json().code).toBe('calendar.not_found');
    expect((await request(t, owner, 'POST', `/api/v1/calendars/${cal}/import`, { a: 1 })).statusCode).toBe(
      415,
    );
    const huge = Buffer.alloc(10 * 1024 * 1024 + 10, 'X');
    const tooLarge = await postImport(t, owner, cal, huge);
    expect([tooLarge.statusCode, tooLarge.json().code]).toEqual([413, 'request.too_large']);
    expect((await t.db.query('select 1 from items where calendar_id = $1', [cal])).rowCount).toBe(0);
  });
});
