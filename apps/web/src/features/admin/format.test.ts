import { describe, expect, it } from 'vitest';
import { formatInstant } from './format';

describe('formatInstant', () => {
  it('says Never for a user who never signed in', () => expect(formatInstant(null)).toBe('Never'));
  it('shows Manila wall time by default', () => {
    const text = formatInstant('2025-11-26T01:05:00Z');
    expect(text).toMatch(/Nov 26, 2025/);
    expect(text).toMatch(/9:05/);
  });
  it('honours another zone', () => expect(formatInstant('2025-11-26T01:05:00Z', 'UTC')).toMatch(/1:05/));
  it('copes with garbage', () => expect(formatInstant('not a date')).toBe('Unknown'));
});
