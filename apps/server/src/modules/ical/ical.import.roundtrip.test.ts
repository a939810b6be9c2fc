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
