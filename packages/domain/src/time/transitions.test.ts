import { describe, expect, it } from 'vitest';
import { zoneTransitions } from './transitions';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('zoneTransitions', () => {
  it.each([
    {
      zone: 'America/New_York',
      offsetAtStart: -5 * H,
      transitions: [
        { atMs: at('2030-03-10T07:00:00Z'), offsetFrom: -5 * H, offsetTo: -4 * H },
        { atMs: at('2030-11-03T06:00:00Z'), offsetFrom: -4 * H, offsetTo: -5 * H },
      ],
    },
    { zone: 'Asia/Manila', offsetAtStart: 8 * H, transitions: [] },
    {
      zone: 'Australia/Lord_Howe', // half-hour daylight saving
      offsetAtStart: 11 * H,
      transitions: [
        { atMs: at('2030-04-06T15:00:00Z'), offsetFrom: 11 * H, offsetTo: 10.5 * H },
        { atMs: at('2030-10-05T15:30:00Z'), offsetFrom: 10.5 * H, offsetTo: 11 * H },
      ],
    },
  ])('lists the changes of $zone in 2030', ({ zone, offsetAtStart, transitions }) => {
    expect(zoneTransitions(zone, at('2030-01-01T00:00:00Z'), at('2031-01-01T00:00:00Z'))).toEqual({
      offsetAtStart,
      transitions,
    });
  });

  it('stops at a bound however long the range', () => {
    const { transitions } = zoneTransitions(
      'Europe/Berlin',
      at('1000-01-01T00:00:00Z'),
      at('9000-01-01T00:00:00Z'),
    );
    expect(transitions.length).toBe(400);
  });
});
