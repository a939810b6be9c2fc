import { describe, expect, it } from 'vitest';
import { rateBars } from './chart';

describe('rateBars', () => {
  it('writes out the rate and the numbers, and shows an empty bar when nobody was expected', () => {
    expect(
      rateBars([
        { key: 'event', label: 'Coordination event', occurrences: 3, expected: 12, attended: 9, rate: 0.75 },
        { key: 'task', label: 'Staff task', occurrences: 1, expected: 0, attended: 0, rate: null },
        { key: 'x', label: 'Walk-ins galore', occurrences: 1, expected: 2, attended: 3, rate: 1.5 },
      ]),
    ).toEqual([
      { key: 'event', label: 'Coordination event', percent: 75, text: '75% (9 of 12)' },
      { key: 'task', label: 'Staff task', percent: 0, text: 'nobody expected (1 occurrence)' },
      { key: 'x', label: 'Walk-ins galore', percent: 100, text: '150% (3 of 2)' },
    ]);
  });
});
