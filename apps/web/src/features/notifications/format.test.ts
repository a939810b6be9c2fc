import { describe, expect, it } from 'vitest';
import { formatAgo, internalPath, reminderLabel } from './format';

const now = Date.parse('2030-03-04T09:00:00Z');

describe('notification formats', () => {
  it.each([
    ['2030-03-04T08:59:40Z', 'just now'],
    ['2030-03-04T08:55:00Z', '5 minutes ago'],
    ['2030-03-04T06:00:00Z', '3 hours ago'],
    ['2030-03-03T09:00:00Z', 'yesterday'],
    ['2030-02-18T09:00:00Z', '2 weeks ago'],
    ['2029-03-04T09:00:00Z', 'last year'],
  ])('says %s was %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });

  it('opens links of this app inside it and others as they are', () => {
    const origin = 'https://kalendaryo.oobc.gov.ph';
    expect(internalPath(`${origin}/bookings?booking=b1#top`, origin)).toBe('/bookings?booking=b1#top');
    expect(internalPath('/calendar?item=1', origin)).toBe('/calendar?item=1');
    expect(internalPath('https://example.org/x', origin)).toBeNull();
    expect(internalPath('http://[bad', origin)).toBeNull();
  });

  it('names reminder times', () => {
    expect([15, 60, 1440, 10080, 90].map(reminderLabel)).toEqual([
      '15 minutes before',
      '1 hour before',
      '1 day before',
      '1 week before',
      '1 hour 30 minutes before',
    ]);
  });
});
