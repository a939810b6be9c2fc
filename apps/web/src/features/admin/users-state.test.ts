import type { User } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import { aUser } from '../../test/fixtures';
import { filtersFromSearch, replaceUser, searchFromFilters } from './users-state';

const user = (id: string, over: Partial<User> = {}): User =>
  aUser({ id, email: `${id}@oobc.gov.ph`, name: id, ...over });

describe('filters in the query string', () => {
  it('reads known values and ignores the rest', () => {
    expect(filtersFromSearch(new URLSearchParams('q= ana &role=coordinator&status=inactive'))).toEqual({
      q: 'ana',
      role: 'coordinator',
      status: 'inactive',
    });
    expect(filtersFromSearch(new URLSearchParams('role=owner&status=deleted'))).toEqual({
      q: '',
      role: '',
      status: 'all',
    });
  });

  it('writes only what differs from the defaults', () => {
    expect(searchFromFilters({ q: '', role: '', status: 'all' }).toString()).toBe('');
    expect(searchFromFilters({ q: 'dela cruz', role: 'admin', status: 'active' }).toString()).toBe(
      'q=dela+cruz&role=admin&status=active',
    );
  });
});

describe('replaceUser', () => {
  it('swaps the updated user in whichever page holds it', () => {
    const data = {
      pages: [
        { items: [user('a'), user('b')], nextCursor: 'c1' },
        { items: [user('c')], nextCursor: null },
      ],
      pageParams: [undefined, 'c1'],
    };
    const updated = user('c', { role: 'admin' });
    const out = replaceUser(data, updated);
    expect(out?.pages[1]?.items[0]).toBe(updated);
    expect(out?.pages[0]).toEqual(data.pages[0]);
    expect(out?.pageParams).toEqual([undefined, 'c1']);
    expect(data.pages[1]?.items[0]?.role).toBe('staff'); // input untouched
  });

  it('leaves an empty cache empty', () => expect(replaceUser(undefined, user('a'))).toBeUndefined());
});
