import {
  checkConfirmation,
  checkEmail,
  checkName,
  checkNewPassword,
  compact,
  type FieldErrors,
} from '../../app/validation';

export interface SignInInput {
  email: string;
  password: string;
}

export function validateSignIn(input: SignInInput): FieldErrors<keyof SignInInput> {
  return compact({
    email: input.email.trim() ? undefined : 'Enter your email address',
    password: input.password ? undefined : 'Enter your password',
  });
}

export interface SetupInput {
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
}

export function validateSetup(input: SetupInput): FieldErrors<keyof SetupInput> {
  return compact({
    name: checkName(input.name),
    email: checkEmail(input.email),
    password: checkNewPassword(input.password),
    confirmPassword: checkConfirmation(input.password, input.confirmPassword),
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function validateChangePassword(input: ChangePasswordInput): FieldErrors<keyof ChangePasswordInput> {
  const newPassword =
    checkNewPassword(input.newPassword) ??
    (input.newPassword && input.newPassword === input.currentPassword
      ? 'Choose a password different from the current one'
      : undefined);
  return compact({
    currentPassword: input.currentPassword ? undefined : 'Enter your current password',
    newPassword,
    confirmPassword: checkConfirmation(input.newPassword, input.confirmPassword),
  });
}
