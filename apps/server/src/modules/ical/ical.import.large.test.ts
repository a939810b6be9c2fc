import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { importOk } from './ical.import.fixtures';
import { largeCalendar } from './testing/large-file';

// How fast is measured in bench/ical-import.ts; this test shows that a large file goes through
// in one request and that re-importing it touches nothing.
let t: TestApp;
let owner: Who;

beforeAll(async () => {
  t = await createTestApp();
  [owner] = await people(t, ['coordinator']);
});
afterAll(async () => t?.close());

describe('a 5,000-event file', () => {
  it('imports every event with its guests, and a second import finds them all unchanged', async () => {
    const cal = (await request(t, owner, 'POST', '/api/v1/calendars', { name: 'Big' })).json().id as string;
    const text = largeCalendar(5000);
    expect(await importOk(t, owner, cal, text)).toEqual({
      created: 5000,
      updated: 0,
      unchanged: 0,
      skipped: [],
      dryRun: false,
    });
    const guests = await t.db.query(
      'select 1 from participants p join items i on i.id = p.item_id where i.calendar_id = $1',
      [cal],
    );
    expect(guests.rowCount).toBe(2000);
    expect(await importOk(t, owner, cal, text)).toMatchObject({ created: 0, updated: 0, unchanged: 5000 });
  }, 180_000);
});
