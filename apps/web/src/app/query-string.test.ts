import { describe, expect, it } from 'vitest';
import { buildQuery } from './query-string';

describe('buildQuery', () => {
  it('is empty without parameters', () => {
    expect(buildQuery(undefined)).toBe('');
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ q: '', role: undefined, cursor: null, x: '  ' })).toBe('');
  });

  it('encodes values and keeps key order', () => {
    expect(buildQuery({ limit: 50, q: 'dela cruz & co', status: 'all' })).toBe(
      '?limit=50&q=dela+cruz+%26+co&status=all',
    );
  });

  it('passes opaque cursors through intact', () => {
    const cursor = 'eyJpZCI6IjEyMyJ9/+=';
    const qs = buildQuery({ cursor });
    expect(new URLSearchParams(qs).get('cursor')).toBe(cursor);
  });

  it('repeats array values and writes booleans', () => {
    expect(buildQuery({ kind: ['event', 'task', undefined], mine: true })).toBe(
      '?kind=event&kind=task&mine=true',
    );
  });
});
