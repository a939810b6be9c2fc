import { describe, expect, it } from 'vitest';
import { shouldRetry } from './query-client';

describe('shouldRetry', () => {
  it.each([
    [0, 0, true],
    [0, 500, true],
    [0, 503, true],
    [0, 502, true],
    [2, 0, false],
    [0, 400, false],
    [0, 401, false],
    [0, 403, false],
    [0, 429, false],
  ])('after %i failures, status %i → %s', (count, status, expected) => {
    expect(shouldRetry(count, { status })).toBe(expected);
  });

  it('does not retry errors that are not API errors', () => {
    expect(shouldRetry(0, new TypeError('boom'))).toBe(false);
  });
});
