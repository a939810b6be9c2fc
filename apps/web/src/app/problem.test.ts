import { describe, expect, it } from 'vitest';
import { fieldErrorMap, parseProblem, parseRetryAfter } from './problem';

const NOW = Date.UTC(2025, 10, 26, 1, 0, 0);
const problemJson = 'application/problem+json; charset=utf-8';

describe('parseProblem', () => {
  it('reads an RFC 9457 document with field errors', () => {
    const p = parseProblem({
      status: 422,
      contentType: problemJson,
      body: JSON.stringify({
        type: 'https://kalendaryo.dev/problems/request.invalid',
        title: 'The request is invalid',
        status: 422,
        code: 'request.invalid',
        instance: 'req-1',
        errors: [
          { field: 'email', message: 'Enter a valid email address', code: 'invalid_format' },
          { field: 'password', message: 'Use at least 10 characters' },
        ],
      }),
      retryAfter: null,
      now: NOW,
    });
    expect(p).toEqual({
      type: 'https://kalendaryo.dev/problems/request.invalid',
      title: 'The request is invalid',
      status: 422,
      code: 'request.invalid',
      instance: 'req-1',
      errors: [
        { field: 'email', message: 'Enter a valid email address', code: 'invalid_format' },
        { field: 'password', message: 'Use at least 10 characters' },
      ],
    });
  });

  it('keeps extension members such as the conflicts of a booking.conflict', () => {
    const conflicts = [
      { id: 'b1', start: '2030-03-04T01:00:00Z', end: '2030-03-04T03:00:00Z', status: 'approved' },
    ];
    const p = parseProblem({
      status: 409,
      contentType: problemJson,
      body: JSON.stringify({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        code: 'booking.conflict',
        conflicts,
      }),
      retryAfter: null,
      now: NOW,
    });
    expect(p.code).toBe('booking.conflict');
    expect(p.extensions).toEqual({ conflicts });
  });

  it('keeps detail and the Retry-After seconds of a 429', () => {
    const p = parseProblem({
      status: 429,
      contentType: problemJson,
      body: JSON.stringify({
        type: 'x',
        title: 'Too many failed sign-in attempts',
        status: 429,
        code: 'auth.too_many_attempts',
        detail: 'Try again later',
      }),
      retryAfter: '60',
      now: NOW,
    });
    expect(p.code).toBe('auth.too_many_attempts');
    expect(p.detail).toBe('Try again later');
    expect(p.retryAfterSeconds).toBe(60);
  });

  it('falls back to a generic problem for HTML error pages', () => {
    const p = parseProblem({
      status: 502,
      contentType: 'text/html',
      body: '<h1>Bad gateway</h1>',
      retryAfter: null,
      now: NOW,
    });
    expect(p).toEqual({
      type: 'about:blank',
      title: 'Kalendaryo cannot be reached',
      status: 502,
      code: 'network.unreachable',
      errors: [],
    });
  });

  it.each([
    [401, 'auth.required', 'Sign-in required'],
    [403, 'auth.forbidden', 'You are not allowed to do this'],
    [429, 'request.rate_limited', 'Too many requests'],
    [504, 'network.unreachable', 'Kalendaryo cannot be reached'],
    [418, 'http.unexpected', 'The request failed'],
  ])('gives status %i without a body the code %s and its title', (status, code, title) => {
    const p = parseProblem({ status, contentType: null, body: '', retryAfter: null, now: NOW });
    expect([p.code, p.title]).toEqual([code, title]);
  });

  it('treats malformed JSON, and JSON that is not a problem document, as a bare status', () => {
    const bare = {
      type: 'about:blank',
      title: 'The request is invalid',
      status: 422,
      code: 'request.invalid',
      errors: [],
    };
    for (const body of ['{oops', JSON.stringify({ title: 42, code: null, errors: [{ message: 'bare' }] })]) {
      expect(
        parseProblem({ status: 422, contentType: 'application/json', body, retryAfter: null, now: NOW }),
      ).toEqual(bare);
    }
  });

  it('trusts the HTTP status over the document', () => {
    const body = JSON.stringify({ title: 'x', status: 200, code: 'server.internal' });
    expect(
      parseProblem({ status: 500, contentType: problemJson, body, retryAfter: null, now: NOW }).status,
    ).toBe(500);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => expect(parseRetryAfter(' 120 ', NOW)).toBe(120));
  it('reads an HTTP-date relative to now', () =>
    expect(parseRetryAfter(new Date(NOW + 30_500).toUTCString(), NOW)).toBe(30));
  it('never goes negative', () => expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0));
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('fieldErrorMap', () => {
  it('keeps the first message per field and skips unnamed ones', () => {
    expect(
      fieldErrorMap([
        { field: 'email', message: 'first' },
        { field: 'email', message: 'second' },
        { field: '', message: 'form-level' },
        { field: 'name', message: 'Enter a name' },
      ]),
    ).toEqual({ email: 'first', name: 'Enter a name' });
  });
});
