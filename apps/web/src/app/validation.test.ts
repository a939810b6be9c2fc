import { describe, expect, it } from 'vitest';
import { checkConfirmation, checkEmail, checkName, checkNewPassword, compact, hasErrors } from './validation';

describe('field checks', () => {
  it('checks email addresses loosely', () => {
    expect(checkEmail('')).toBe('Enter an email address');
    expect(checkEmail('  ana@oobc.gov.ph ')).toBeUndefined();
    expect(checkEmail('ana@oobc')).toBe('Enter a valid email address');
    expect(checkEmail('ana @oobc.gov.ph')).toBe('Enter a valid email address');
    expect(checkEmail(`${'a'.repeat(250)}@x.ph`)).toBe('Enter a valid email address');
  });

  it('checks names', () => {
    expect(checkName('   ')).toBe('Enter a name');
    expect(checkName('Ana Dela Cruz')).toBeUndefined();
    expect(checkName('x'.repeat(201))).toBe('Use at most 200 characters');
  });

  it('asks for 10 to 200 characters in a new password', () => {
    expect(checkNewPassword('')).toBe('Enter a password');
    expect(checkNewPassword('123456789')).toBe('Use at least 10 characters');
    expect(checkNewPassword('1234567890')).toBeUndefined();
    expect(checkNewPassword('x'.repeat(201))).toBe('Use at most 200 characters');
  });

  it('checks the confirmation', () => {
    expect(checkConfirmation('abc', '')).toBe('Enter the password again');
    expect(checkConfirmation('abc', 'abd')).toBe('The passwords do not match');
    expect(checkConfirmation('abc', 'abc')).toBeUndefined();
  });

  it('compacts results', () => {
    const errors = compact({ a: undefined, b: 'bad' });
    expect(errors).toEqual({ b: 'bad' });
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors(compact({ a: undefined }))).toBe(false);
  });
});
