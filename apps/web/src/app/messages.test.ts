import { describe, expect, it } from 'vitest';
import { formatWait, friendlyMessage } from './messages';

describe('formatWait', () => {
  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [1.2, '2 seconds'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [120, '2 minutes'],
    [61, 'about 2 minutes'],
    [900, '15 minutes'],
  ])('%s s → %s', (s, text) => expect(formatWait(s)).toBe(text));
});

describe('friendlyMessage', () => {
  it('shows the title of a wrong-credentials answer', () => {
    expect(
      friendlyMessage({ status: 401, code: 'auth.invalid_credentials', title: 'Email or password is wrong' }),
    ).toBe('Email or password is wrong.');
  });

  it('prefers the detail over the title', () => {
    expect(
      friendlyMessage({
        status: 409,
        code: 'user.duplicate',
        title: 'Duplicate',
        detail: 'ana@oobc.gov.ph is taken.',
      }),
    ).toBe('ana@oobc.gov.ph is taken.');
  });

  it('tells the person how long to wait after a 429', () => {
    expect(
      friendlyMessage({
        status: 429,
        code: 'auth.too_many_attempts',
        title: 'Too many failed sign-in attempts',
        detail: 'Too many failed sign-ins; try again in 90 seconds',
        retryAfterSeconds: 90,
      }),
    ).toBe('Too many failed sign-in attempts. Wait about 2 minutes before trying again.');
    expect(friendlyMessage({ status: 429, code: 'request.rate_limited', title: 'Too many requests' })).toBe(
      'Too many requests. Wait a moment before trying again.',
    );
  });

  it('speaks for the codes whose titles a person cannot act on', () => {
    expect(
      friendlyMessage({ status: 403, code: 'auth.csrf_failed', title: 'Missing or wrong CSRF token' }),
    ).toBe('Your session needs refreshing. Reload the page and try again.');
    expect(
      friendlyMessage({ status: 503, code: 'server.shutting_down', title: 'The server is shutting down' }),
    ).toMatch(/temporarily unavailable/);
  });

  it('explains outages and network failures without jargon', () => {
    expect(
      friendlyMessage({ status: 503, code: 'database.unavailable', title: 'The database is unavailable' }),
    ).toMatch(/temporarily unavailable/);
    expect(friendlyMessage({ status: 0, code: 'network.unreachable', title: 'Network error' })).toMatch(
      /cannot be reached/,
    );
    expect(
      friendlyMessage({ status: 502, code: 'network.unreachable', title: 'Kalendaryo cannot be reached' }),
    ).toMatch(/cannot be reached/);
    expect(friendlyMessage({ status: 503, code: 'http.unexpected', title: 'The request failed' })).toMatch(
      /temporarily unavailable/,
    );
    expect(friendlyMessage({ status: 500, code: 'server.internal', title: 'Internal server error' })).toMatch(
      /went wrong on the server/,
    );
  });
});
