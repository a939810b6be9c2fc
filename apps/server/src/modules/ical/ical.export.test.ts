import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type Who } from '../../test/factories';
import { createTestApp, type Method, request, type TestApp } from '../../test/server';
import { pythonReaderMissing, type ReadOccurrence, readWithIcalJs, readWithPython } from './ical.fixtures';
import { foldLine } from './ical.writer';

let t: TestApp;
let ana: Who;
let calendarId: string;
const uids = new Map<string, string>();
const FROM = '2030-01-01T00:00:00Z';
const TO = '2031-01-01T00:00:00Z';
const LONG = 'Pagpupulong ng mga kawani — “Bangsamoro” ✓ 🗓 ';

const req = (method: Method, url: string, payload?: unknown) => request(t, ana, method, url, payload);

async function create(body: Record<string, unknown>) {
  const res = await req('POST', '/api/v1/items', { kind: 'event', calendarId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  const item = res.json() as { id: string; uid: string };
  uids.set(item.id, item.uid);
  return item;
}

beforeAll(async () => {
  t = await createTestApp();
  ana = await signedInUser(t.app, t.db, 'coordinator');
  calendarId = (await req('POST', '/api/v1/calendars', { name: 'Field team; Cotabato, North' })).json().id;
  // Weekly at 10:00 New York through both DST changes of 2030, with an EXDATE, a moved and
  // renamed occurrence, a renamed one and a cancelled one.
  const series = await create({
    title: 'Stand-up, daily; team',
    start: '2030-01-07T15:00:00Z',
    end: '2030-01-07T15:30:00Z',
    timeZone: 'America/New_York',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=90',
    exdates: ['2030-02-04T10:00:00'],
  });
  const patch = (occurrence: string, body: unknown) =>
    req('PATCH', `/api/v1/items/${series.id}?scope=this&occurrence=${occurrence}`, body);
  expect(
    (
      await patch('2030-03-11T10:00:00', {
        start: '2030-03-12T18:00:00Z',
        end: '2030-03-12T19:00:00Z',
        title: 'Moved',
      })
    ).statusCode,
  ).toBe(200);
  expect((await patch('2030-11-04T10:00:00', { title: 'After the change' })).statusCode).toBe(200);
  expect(
    (await req('DELETE', `/api/v1/items/${series.id}?scope=this&occurrence=2030-06-03T10:00:00`)).statusCode,
  ).toBe(204);
  await create({
    title: 'Monthly review',
    start: '2030-01-31T01:00:00Z',
    end: '2030-01-31T02:00:00Z',
    timeZone: 'Asia/Manila',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20301231T000000Z',
  });
  await create({
    title: 'Endless check-in',
    start: '2030-01-04T15:00:00Z',
    end: '2030-01-04T15:15:00Z',
    timeZone: 'America/New_York',
    rrule: 'FREQ=WEEKLY;BYDAY=FR',
  });
  await create({ title: 'Eid break', allDay: true, start: '2030-04-05', end: '2030-04-07' });
  await create({
    title: LONG.repeat(4),
    description: 'Line one\nline two; with, commas and a backslash \\',
    location: 'Cotabato City, Room 2',
    start: '2030-05-05T01:00:00Z',
    end: '2030-05-05T02:00:00Z',
    timeZone: 'Asia/Manila',
  });
});
afterAll(() => t.close());

const byText = (a: ReadOccurrence, b: ReadOccurrence) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** Kalendaryo's own feed for the calendar, as the readers report occurrences. */
async function ownFeed(): Promise<ReadOccurrence[]> {
  const res = await req(
    'GET',
    `/api/v1/calendar?start=${FROM}&end=${TO}&calendars=${calendarId}&holidays=false&tz=UTC`,
  );
  expect(res.statusCode).toBe(200);
  const occ = res.json().occurrences as {
    itemId: string;
    start: string;
    end: string;
    title: string;
    allDay: boolean;
  }[];
  const instant = (s: string, allDay: boolean) => (allDay ? s : `${new Date(s).toISOString().slice(0, 19)}Z`);
  return occ
    .filter((o) => (o.allDay ? `${o.start}T00:00:00Z` : o.start) >= FROM)
    .map(
      (o): ReadOccurrence => [
        uids.get(o.itemId)!,
        instant(o.start, o.allDay),
        instant(o.end, o.allDay),
        o.title,
      ],
    )
    .sort(byText);
}

async function exported() {
  const res = await req('GET', `/api/v1/calendars/${calendarId}/calendar.ics?start=${FROM}&end=${TO}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  return res.body;
}

describe('iCalendar export', () => {
  it('gives ical.js the occurrences of the feed over a year: exceptions, EXDATEs, cancellations, DST', async () => {
    const ics = await exported();
    const feed = await ownFeed();
    expect(feed.length).toBeGreaterThan(100);
    expect(feed).toContainEqual([
      expect.any(String),
      '2030-03-12T18:00:00Z',
      '2030-03-12T19:00:00Z',
      'Moved',
    ]);
    expect(readWithIcalJs(ics, FROM, TO).sort(byText)).toEqual(feed);
  });

  it.skipIf(pythonReaderMissing() !== null)(
    'gives python3-icalendar with dateutil the same occurrences',
    async () => {
      expect(readWithPython(await exported(), FROM, TO).sort(byText)).toEqual(await ownFeed());
    },
  );
  if (pythonReaderMissing()) it.skip(`python reader: ${pythonReaderMissing()}`, () => {});

  it('gives an endless series zone offsets years past the window', async () => {
    const ics = await exported();
    const starts = (from: string, to: string) =>
      readWithIcalJs(ics, from, to)
        .filter((o) => o[3] === 'Endless check-in')
        .map((o) => o[1].slice(11));
    // 10:00 in New York: 14:00 UTC in summer, 15:00 UTC in winter, in 2035 as in 2030.
    expect(new Set(starts('2035-07-01T00:00:00Z', '2035-08-01T00:00:00Z'))).toEqual(new Set(['14:00:00Z']));
    expect(new Set(starts('2035-01-01T00:00:00Z', '2035-02-01T00:00:00Z'))).toEqual(new Set(['15:00:00Z']));
  });

  it('writes the calendar and each item as RFC 5545 asks', async () => {
    const ics = await exported();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:/);
    expect(ics).toContain('X-WR-CALNAME:Field team\\; Cotabato\\, North\r\n');
    expect(ics).toMatch(/\r\nCOLOR:#[0-9a-f]{6}\r\n/i);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Manila\r\n');
    expect(ics).toContain('DTSTART;TZID=America/New_York:20300107T100000\r\n');
    expect(ics).toContain('EXDATE;TZID=America/New_York:20300204T100000\r\n');
    expect(ics).toContain('EXDATE;TZID=America/New_York:20300603T100000\r\n');
    expect(ics).toContain('RECURRENCE-ID;TZID=America/New_York:20300311T100000\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20300405\r\n');
    expect(ics).toContain('CATEGORIES:event\r\n');
    expect(ics).toContain('STATUS:CONFIRMED\r\n');
    expect(ics).toContain('ORGANIZER;CN=');
    // Every physical line within 75 octets; every line ends in CRLF.
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('escapes text and folds long UTF-8 lines so readers get the text back whole', async () => {
    const ics = await exported();
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    const long = events.find((e) => e.getFirstPropertyValue('summary') === LONG.repeat(4).trim());
    expect(long).toBeDefined();
    expect(long!.getFirstPropertyValue('description')).toBe(
      'Line one\nline two; with, commas and a backslash \\',
    );
    expect(long!.getFirstPropertyValue('location')).toBe('Cotabato City, Room 2');
    expect(ics).toContain('DESCRIPTION:Line one\\nline two\\; with\\, commas and a backslash \\\\');
  });

  it('folds at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(50)}🗓${'a'.repeat(100)}`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe(`SUMMARY:${'é'.repeat(50)}🗓${'a'.repeat(100)}`);
  });

  it('names the organiser and the participants with their answers, but not to those who see only Busy', async () => {
    const [guest, colleague] = [
      await signedInUser(t.app, t.db, 'staff'),
      await signedInUser(t.app, t.db, 'staff'),
    ];
    const item = await create({
      title: 'Planning with partners',
      start: '2030-06-10T01:00:00Z',
      end: '2030-06-10T02:00:00Z',
      timeZone: 'Asia/Manila',
    });
    const invite = await req('POST', `/api/v1/items/${item.id}/participants`, { userId: guest.user.id });
    expect(invite.statusCode, invite.body).toBe(201);
    const answer = await request(t, guest, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'going' });
    expect(answer.statusCode, answer.body).toBe(200);
    const secret = await create({
      title: 'Medical appointment',
      visibility: 'private',
      start: '2030-06-11T01:00:00Z',
      end: '2030-06-11T02:00:00Z',
      timeZone: 'Asia/Manila',
    });
    await req('POST', `/api/v1/items/${secret.id}/participants`, { userId: guest.user.id });

    const unfold = (ics: string) => ics.replaceAll('\r\n ', '');
    const mine = unfold(await exported());
    expect(mine).toContain(
      `ATTENDEE;CN=${guest.user.name};PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:${guest.user.email}`,
    );
    expect(mine).toContain(`ORGANIZER;CN=${ana.user.name}:mailto:${ana.user.email}`);
    expect(mine).toContain('SUMMARY:Medical appointment');

    await req('PUT', `/api/v1/calendars/${calendarId}/members/${colleague.user.id}`, { permission: 'view' });
    const theirs = unfold(
      (
        await request(
          t,
          colleague,
          'GET',
          `/api/v1/calendars/${calendarId}/calendar.ics?start=${FROM}&end=${TO}`,
        )
      ).body,
    );
    const busy = theirs.split('BEGIN:VEVENT').find((e) => e.includes(secret.uid))!;
    expect(busy).toContain('SUMMARY:Busy');
    expect(busy).toContain('CLASS:CONFIDENTIAL');
    expect(busy).not.toMatch(/ATTENDEE|ORGANIZER|DESCRIPTION|LOCATION|Medical/);
    expect(theirs).toContain(`PARTSTAT=ACCEPTED`);
  });

  it('exports the filtered view of GET /calendar, and refuses calendars the caller cannot see', async () => {
    const res = await req('GET', `/api/v1/calendar.ics?start=${FROM}&end=${TO}&kinds=event&holidays=false`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Monthly review');
    const other = await signedInUser(t.app, t.db, 'staff');
    const hidden = await request(t, other, 'GET', `/api/v1/calendars/${calendarId}/calendar.ics`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('calendar.not_found');
  });
});
