import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { expandStarts, findItemsByUid, specOf } from '../items';
import { derivedUid } from './ical.import.apply';
import { fixture, importOk, startsByUid } from './ical.import.fixtures';

// Import → export → import: what Kalendaryo writes, it reads back as the same occurrences.
let t: TestApp;
let owner: Who;

const newCalendar = async (name: string) =>
  (await request(t, owner, 'POST', '/api/v1/calendars', { name })).json().id as string;

const exported = async (calendarId: string, start: string, end: string) => {
  const res = await request(
    t,
    owner,
    'GET',
    `/api/v1/calendars/${calendarId}/calendar.ics?start=${start}&end=${end}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestApp();
  [owner] = await people(t, ['coordinator']);
});
afterAll(async () => t?.close());

describe('import → export → import gives the same occurrences', () => {
  it.each([
    'google-weekly-override-attendees.ics',
    'outlook-windows-zones.ics',
    'apple-icloud.ics',
    'thunderbird-lf-only.ics',
    'nextcloud-sabre-cr-only.ics',
  ])('%s', async (name) => {
    const first = await newCalendar(`First ${name}`);
    await importOk(t, owner, first, fixture(name));
    const second = await newCalendar(`Second ${name}`);
    const again = await importOk(
      t,
      owner,
      second,
      await exported(first, '2025-01-01T00:00:00Z', '2028-01-01T00:00:00Z'),
    );
    expect(again.skipped).toEqual([]);
    expect(await startsByUid(t, owner, second)).toEqual(await startsByUid(t, owner, first));
  });

  it('native items: a task stays a task, a series keeps its zone, rule and removed dates', async () => {
    const first = await newCalendar('Native first');
    const post = (body: object) => request(t, owner, 'POST', '/api/v1/items', { calendarId: first, ...body });
    await post({
      kind: 'task',
      title: 'File the report',
      start: '2026-04-01T01:00:00Z',
      end: '2026-04-01T02:00:00Z',
      timeZone: 'Asia/Manila',
    });
    await post({
      kind: 'event',
      title: 'Weekly huddle',
      start: '2026-03-02T01:00:00Z',
      end: '2026-03-02T02:00:00Z',
      timeZone: 'Asia/Manila',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=12',
      exdates: ['2026-03-05T09:00:00'],
    });
    const second = await newCalendar('Native second');
    await importOk(t, owner, second, await exported(first, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    expect(await startsByUid(t, owner, second)).toEqual(await startsByUid(t, owner, first));
    const kinds = await t.db.query<{ kind: string; time_zone: string }>(
      'select kind, time_zone from items where calendar_id = $1 order by kind',
      [second],
    );
    expect(kinds.rows).toEqual([
      { kind: 'event', time_zone: 'Asia/Manila' },
      { kind: 'task', time_zone: 'Asia/Manila' },
    ]);
  });

  it('the RFC 5545 §3.8.5.3 examples', async () => {
    const file = readFileSync(
      path.resolve(
        path.dirname(fileURLToPath(import.meta.url)),
        '../../../../../packages/domain/src/recurrence/fixtures/rfc5545-examples.ics',
      ),
      'utf8',
    );
    const first = await newCalendar('RFC first');
    const imported = await importOk(t, owner, first, file);
    const second = await newCalendar('RFC second');
    const again = await importOk(
      t,
      owner,
      second,
      await exported(first, '1997-01-01T00:00:00Z', '2030-01-01T00:00:00Z'),
    );
    expect(again.created).toBe(imported.created);
    const originals = (
      await t.db.query<{ uid: string }>('select uid from items where calendar_id = $1', [first])
    ).rows;
    for (const { uid } of originals) {
      const [a] = await findItemsByUid(t.db, [uid]);
      const [b] = await findItemsByUid(t.db, [derivedUid(uid, second)]);
      const starts = (row: typeof a) => expandStarts(specOf(row!), null, 200).map((s) => s.ms);
      expect(starts(b), uid).toEqual(starts(a));
    }
  });
});
