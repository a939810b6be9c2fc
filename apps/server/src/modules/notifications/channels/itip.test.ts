import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { icalData } from './channels.fixtures';
import { itipCalendar, itipEventOf } from './itip';

const amina = { name: 'Amina Santos', email: 'amina@oobc.example' };

function parse(data: Record<string, unknown>) {
  const event = itipEventOf({ ical: data });
  if (!event) throw new Error('not an iTIP event');
  const cal = new ICAL.Component(ICAL.parse(itipCalendar(event, amina)));
  const tz = cal.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(tz);
  return { cal, vevent: cal.getFirstSubcomponent('vevent')! };
}
afterEach(() => ICAL.TimezoneService.reset());

describe('itipCalendar', () => {
  it('writes a series with its UNTIL in UTC and its EXDATEs, so clients expand what Kalendaryo does', () => {
    const { vevent } = parse(
      icalData({
        start: '2026-10-19T13:00:00Z', // Mondays 09:00 in New York
        end: '2026-10-19T14:00:00Z',
        timeZone: 'America/New_York',
        rrule: 'FREQ=WEEKLY;UNTIL=20261116T090000',
        exdates: ['2026-11-02T14:00:00Z'],
      }),
    );
    expect(String(vevent.getFirstPropertyValue('rrule'))).toContain('UNTIL=20261116T140000Z');
    const it = new ICAL.Event(vevent).iterator();
    const starts: string[] = [];
    for (let next = it.next(); next; next = it.next()) starts.push(next.toJSDate().toISOString());
    expect(starts).toEqual([
      '2026-10-19T13:00:00.000Z',
      '2026-10-26T13:00:00.000Z',
      '2026-11-09T14:00:00.000Z',
      '2026-11-16T14:00:00.000Z',
    ]);
  });

  it('names one occurrence by RECURRENCE-ID, with RANGE=THISANDFUTURE when asked', () => {
    const { vevent } = parse(
      icalData({
        method: 'CANCEL',
        recurrenceId: '2026-12-15T01:00:00Z',
        range: 'THISANDFUTURE',
        rrule: 'FREQ=WEEKLY',
      }),
    );
    const rid = vevent.getFirstProperty('recurrence-id')!;
    expect(rid.getParameter('range')).toBe('THISANDFUTURE');
    expect(rid.getParameter('tzid')).toBe('Asia/Manila');
    expect(String(rid.getFirstValue())).toBe('2026-12-15T09:00:00');
    expect(vevent.getFirstProperty('rrule')).toBeNull();
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('writes all-day items as dates, with no time zone', () => {
    const { cal, vevent } = parse(
      icalData({ allDay: true, start: '2026-12-24', end: '2026-12-26', summary: 'Office closed' }),
    );
    expect(cal.getFirstSubcomponent('vtimezone')).toBeNull();
    expect(vevent.getFirstProperty('dtstart')!.type).toBe('date');
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2026-12-24');
    expect(String(vevent.getFirstPropertyValue('dtend'))).toBe('2026-12-26');
  });

  it('adds the recipient as an attendee when the list lacks them, and maps answers to PARTSTAT', () => {
    const { vevent } = parse(
      icalData({ attendees: [{ name: 'Ben', email: 'ben@oobc.example', partstat: 'accepted' }] }),
    );
    const attendees = vevent
      .getAllProperties('attendee')
      .map((p) => [p.getFirstValue(), p.getParameter('partstat')]);
    expect(attendees).toEqual([
      ['mailto:ben@oobc.example', 'ACCEPTED'],
      ['mailto:amina@oobc.example', 'NEEDS-ACTION'],
    ]);
  });

  it('names the sender as ORGANIZER when the item has none', () => {
    const event = itipEventOf({ ical: icalData({ organizer: null }) })!;
    const cal = new ICAL.Component(
      ICAL.parse(itipCalendar(event, amina, { name: 'Kalendaryo', email: 'cal@oobc.example' })),
    );
    const organizer = cal.getFirstSubcomponent('vevent')!.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:cal@oobc.example');
    expect(organizer.getParameter('cn')).toBe('Kalendaryo');
  });

  it('ignores a message without a well-formed `data.ical`', () => {
    expect(itipEventOf({})).toBeUndefined();
    expect(itipEventOf({ ical: { uid: 'x' } })).toBeUndefined();
  });
});
