import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { expandStarts, findItemsByUid, specOf } from '../items';
import { importOk } from './ical.import.fixtures';

// The RFC 5545 §3.8.5.3 examples, with the RFC's printed results, as the recurrence engine's own
// fixtures hold them: imported as a file, every series must expand to exactly those times.
const file = readFileSync(
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../../../packages/domain/src/recurrence/fixtures/rfc5545-examples.ics',
  ),
  'utf8',
);
const examples = new ICAL.Component(ICAL.parse(file))
  .getAllSubcomponents('vevent')
  .map((e) => ({
    uid: String(e.getFirstPropertyValue('uid')),
    summary: String(e.getFirstPropertyValue('summary')),
    limit: Number(e.getFirstPropertyValue('x-kalendaryo-limit') ?? 0) || undefined,
    expected: String(e.getFirstPropertyValue('x-kalendaryo-expected') ?? '')
      .split(',')
      .filter(Boolean)
      .map(
        (v) =>
          `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}`,
      ),
  }))
  .filter((e) => e.expected.length > 0);

let t: TestApp;
let owner: Who;
let skipped: { uid: string; reason: string }[];

beforeAll(async () => {
  t = await createTestApp();
  [owner] = await people(t, ['coordinator']);
  const cal = (await request(t, owner, 'POST', '/api/v1/calendars', { name: 'RFC 5545' })).json()
    .id as string;
  skipped = (await importOk(t, owner, cal, file)).skipped;
});
afterAll(async () => t?.close());

describe('RFC 5545 §3.8.5.3 examples imported from a file', () => {
  it('imports every example but the minutely rule without an end, which our limits refuse by design', () => {
    expect(skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/MINUTELY/)]);
  });

  it.each(examples.map((e) => [e.summary, e] as const))('%s', async (_name, e) => {
    if (skipped.some((s) => s.uid === e.uid)) return;
    const [row] = await findItemsByUid(t.db, [e.uid]);
    expect(row?.time_zone).toBe('America/New_York');
    const got = expandStarts(specOf(row!), null, e.limit ?? e.expected.length + 50).map((s) => s.local);
    expect(got).toEqual(e.expected);
  });
});
