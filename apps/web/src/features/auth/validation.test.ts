import { describe, expect, it } from 'vitest';
import { validateChangePassword, validateSetup, validateSignIn } from './validation';

describe('validateSignIn', () => {
  it('needs both fields but does not judge the password', () => {
    expect(validateSignIn({ email: ' ', password: '' })).toEqual({
      email: 'Enter your email address',
      password: 'Enter your password',
    });
    expect(validateSignIn({ email: 'ana@oobc.gov.ph', password: 'short' })).toEqual({});
  });
});

describe('validateSetup', () => {
  const ok = {
    name: 'Ana',
    email: 'ana@oobc.gov.ph',
    password: 'long enough pw',
    confirmPassword: 'long enough pw',
  };

  it('accepts a complete administrator', () => expect(validateSetup(ok)).toEqual({}));

  it('reports every field at once', () => {
    expect(validateSetup({ name: '', email: 'nope', password: 'short', confirmPassword: 'other' })).toEqual({
      name: 'Enter a name',
      email: 'Enter a valid email address',
      password: 'Use at least 10 characters',
      confirmPassword: 'The passwords do not match',
    });
  });
});

describe('validateChangePassword', () => {
  it('requires the current password and a matching strong new one', () => {
    expect(
      validateChangePassword({ currentPassword: '', newPassword: 'short', confirmPassword: '' }),
    ).toEqual({
      currentPassword: 'Enter your current password',
      newPassword: 'Use at least 10 characters',
      confirmPassword: 'Enter the password again',
    });
  });

  it('refuses reusing the current password', () => {
    const same = 'the same password';
    expect(
      validateChangePassword({ currentPassword: same, newPassword: same, confirmPassword: same }),
    ).toEqual({
      newPassword: 'Choose a password different from the current one',
    });
  });

  it('accepts a proper change', () => {
    expect(
      validateChangePassword({
        currentPassword: 'old password 1',
        newPassword: 'new password 2',
        confirmPassword: 'new password 2',
      }),
    ).toEqual({});
  });
});
