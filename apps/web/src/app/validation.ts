/**
 * Client-side checks with the contract's limits, so people see mistakes before a round trip. The
 * server stays the authority: its errors[] are shown too.
 */
import { limits } from '@kalendaryo/contract/values';

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export const PASSWORD_MIN = limits.passwordMin;
const PASSWORD_MAX = limits.passwordMax;
const NAME_MAX = limits.name;
const EMAIL_MAX = limits.email;

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an email address';
  if (v.length > EMAIL_MAX || !EMAIL_RE.test(v)) return 'Enter a valid email address';
  return undefined;
}

export function checkName(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter a name';
  if (v.length > NAME_MAX) return `Use at most ${NAME_MAX} characters`;
  return undefined;
}

/** A new password: the length is what makes it strong. */
export function checkNewPassword(value: string): string | undefined {
  if (!value) return 'Enter a password';
  if (value.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (value.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  return undefined;
}

export function checkConfirmation(password: string, confirmation: string): string | undefined {
  if (!confirmation) return 'Enter the password again';
  if (password !== confirmation) return 'The passwords do not match';
  return undefined;
}

/** Drops the fields without an error; `{}` means the form is valid. */
export function compact<K extends string>(errors: Record<K, string | undefined>): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const [k, v] of Object.entries(errors) as [K, string | undefined][]) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
