import { describe, expect, it } from 'vitest';
import { expandRecurrence } from './expand';
import { readFixture } from './testing/ics';

const files = import.meta.glob('./fixtures/*.ics', { query: '?raw', import: 'default', eager: true });
const events = Object.entries(files).flatMap(([path, text]) =>
  readFixture(text).map((event) => ({ file: path.replace('./fixtures/', ''), ...event })),
);

describe('.ics fixtures', () => {
  it('holds every RFC 5545 §3.8.5.3 example and the DST, leap-day and EXDATE scenarios', () => {
    expect(new Set(events.filter((e) => e.file === 'rfc5545-examples.ics').map((e) => e.summary)).size).toBe(
      39,
    );
    expect(new Set(events.map((e) => e.file)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(events.map((e) => [`${e.file}: ${e.summary} (${e.input.rrule})`, e] as const))(
    '%s',
    (_name, event) => {
      const got = expandRecurrence(event.input, event.limit === undefined ? {} : { limit: event.limit });
      if (event.expectedLocal) expect(got.map((o) => o.local)).toEqual(event.expectedLocal);
      if (event.expectedUtc) expect(got.map((o) => o.start)).toEqual(event.expectedUtc);
    },
  );
});

describe('RFC 5545 examples across a DST change keep 09:00 local (the RFC’s EDT/EST annotations)', () => {
  it('"Daily until December 24, 1997" is 13:00Z until 25 October and 14:00Z from 26 October', () => {
    const daily = events.find((e) => e.summary === 'Daily until December 24, 1997');
    const got = expandRecurrence(daily?.input ?? { dtstart: '', tzid: null });
    const edt = got.filter((o) => o.local < '1997-10-26');
    expect(edt.every((o) => o.start?.endsWith('T13:00:00.000Z'))).toBe(true);
    expect(got.filter((o) => o.local >= '1997-10-26').every((o) => o.start?.endsWith('T14:00:00.000Z'))).toBe(
      true,
    );
    expect([edt.length, got.length]).toEqual([54, 113]);
  });
});
