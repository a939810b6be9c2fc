import { describe, expect, it } from 'vitest';
import { validateNewUser } from './validation';

describe('validateNewUser', () => {
  it('accepts a complete user', () => {
    expect(
      validateNewUser({
        name: 'Ana Dela Cruz',
        email: 'ana@oobc.gov.ph',
        role: 'staff',
        password: 'a long secret',
      }),
    ).toEqual({});
  });

  it('names every problem', () => {
    expect(validateNewUser({ name: ' ', email: 'ana', role: 'owner', password: 'short' })).toEqual({
      name: 'Enter a name',
      email: 'Enter a valid email address',
      role: 'Choose a role',
      password: 'Use at least 10 characters',
    });
  });
});
