import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, Filter } from './paging';

const UUID = '6f1c1d5e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';

describe('cursors', () => {
  it('come back as the values that made them, ready to bind', () => {
    const at = new Date('2030-01-07T01:02:03.456Z');
    const cursor = encodeCursor(['école', at, UUID.toUpperCase(), 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['text', 'timestamptz', 'uuid', 'int'])).toEqual(['école', at, UUID, 42]);
  });

  it('carry the longest names there are', () => {
    const name = '𝕂'.repeat(200);
    expect(decodeCursor(encodeCursor([name, UUID]), ['text', 'uuid'])).toEqual([name, UUID]);
  });

  it.each([
    ['a value of another kind', encodeCursor([42, UUID]), ['text', 'uuid']],
    ['a fraction where an integer goes', encodeCursor([1.5]), ['int']],
    ['an instant with an offset', encodeCursor(['2030-01-07T01:00:00+08:00']), ['timestamptz']],
    ['a day that does not exist', encodeCursor(['2030-02-30T00:00:00.000Z']), ['timestamptz']],
    ['a NUL byte', encodeCursor(['a\u0000']), ['text']],
    ['padding', `${encodeCursor(['a'])}=`, ['text']],
  ] as const)('refuse %s', (_, cursor, kinds) => {
    expect(() => decodeCursor(cursor, kinds)).toThrow(
      expect.objectContaining({ code: 'pagination.invalid_cursor' }),
    );
  });
});

describe('Filter', () => {
  it('numbers its parameters in order and binds each `?` of a condition to its value', () => {
    const f = new Filter().add('a = ?', 1).raw('b is null').add('(c = ? or d = ?)', 'x');
    expect(f.where).toBe('where a = $1 and b is null and (c = $2 or d = $2)');
    expect(f.params).toEqual([1, 'x']);
    expect(f.param(true)).toBe('$3');
    expect(new Filter().where).toBe('');
  });
});
