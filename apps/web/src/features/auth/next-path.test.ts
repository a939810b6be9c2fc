import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/admin/users?q=ana', '/admin/users?q=ana'],
    ['/calendar?month=2025-12#today', '/calendar?month=2025-12#today'],
    [null, '/calendar'],
    ['', '/calendar'],
    ['https://evil.example/x', '/calendar'],
    ['//evil.example', '/calendar'],
    ['/\\evil.example', '/calendar'],
    ['/ok\\..\\x', '/calendar'],
    ['javascript:alert(1)', '/calendar'],
    ['/signin?next=/admin', '/calendar'],
    ['/setup', '/calendar'],
    ['/x\ny', '/calendar'],
  ])('%s → %s', (input, out) => expect(safeNextPath(input)).toBe(out));
});

describe('signInPath', () => {
  it('remembers where the person was going', () => {
    expect(signInPath('/admin/users?role=staff')).toBe('/signin?next=%2Fadmin%2Fusers%3Frole%3Dstaff');
  });
  it('keeps the URL clean for the home page', () => {
    expect(signInPath('/')).toBe('/signin');
    expect(signInPath('/calendar')).toBe('/signin');
    expect(signInPath('//evil.example')).toBe('/signin');
  });
});
