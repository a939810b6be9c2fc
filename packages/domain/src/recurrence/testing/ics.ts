/**
 * Just enough iCalendar (RFC 5545 §3.1 folding, §3.2 parameters) to read the recurrence fixtures:
 * one series and its expected results per VEVENT. Test-only; the product's ICS reader lives in ical/.
 */
import type { RecurrenceInput } from '../types';

/** One VEVENT of a fixture: the series, what to ask for, and what the fixture expects. */
export interface FixtureEvent {
  readonly uid: string;
  readonly summary: string;
  readonly input: RecurrenceInput;
  readonly limit: number | undefined;
  /** Expected local wall times or dates (X-KALENDARYO-EXPECTED), ISO extended form. */
  readonly expectedLocal: readonly string[] | undefined;
  /** Expected UTC instants (X-KALENDARYO-EXPECTED-UTC), as '…Z' ISO strings with milliseconds. */
  readonly expectedUtc: readonly string[] | undefined;
}

interface Property {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly value: string;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD'; 'YYYYMMDDTHHMMSS[Z]' → 'YYYY-MM-DDTHH:mm:ss[Z]'. */
export function extended(basic: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(basic);
  if (!m) throw new Error(`not an iCalendar DATE or DATE-TIME: ${basic}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] === undefined ? date : `${date}T${m[4]}:${m[5]}:${m[6]}${m[7]}`;
}

function properties(text: string): Property[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  return unfolded
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => {
      const colon = line.indexOf(':');
      const [name = '', ...params] = line.slice(0, colon).split(';');
      const entries = params.map((p) => p.split('=') as [string, string]);
      return { name: name.toUpperCase(), params: Object.fromEntries(entries), value: line.slice(colon + 1) };
    });
}

function toEvent(props: readonly Property[]): FixtureEvent {
  const one = (name: string) => props.find((p) => p.name === name);
  const many = (name: string) =>
    props.filter((p) => p.name === name).flatMap((p) => p.value.split(',').map(extended));
  const dtstart = one('DTSTART');
  if (!dtstart) throw new Error('fixture VEVENT without DTSTART');
  const expected = one('X-KALENDARYO-EXPECTED');
  const expectedUtc = one('X-KALENDARYO-EXPECTED-UTC');
  const limit = one('X-KALENDARYO-LIMIT');
  return {
    uid: one('UID')?.value ?? '',
    summary: (one('SUMMARY')?.value ?? '').replace(/\\([,;\\])/g, '$1'),
    input: {
      dtstart: extended(dtstart.value),
      tzid: dtstart.params.TZID ?? null,
      rrule: one('RRULE')?.value ?? null,
      exdates: many('EXDATE'),
      rdates: many('RDATE'),
    },
    limit: limit ? Number(limit.value) : undefined,
    expectedLocal: expected?.value.split(',').map(extended),
    expectedUtc: expectedUtc?.value.split(',').map((v) => `${extended(v).slice(0, -1)}.000Z`),
  };
}

/** The VEVENTs of an iCalendar text, as fixture events. */
export function readFixture(text: string): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  let current: Property[] | null = null;
  for (const p of properties(text)) {
    if (p.name === 'BEGIN' && p.value === 'VEVENT') current = [];
    else if (p.name === 'END' && p.value === 'VEVENT' && current) {
      events.push(toEvent(current));
      current = null;
    } else current?.push(p);
  }
  return events;
}
