import { isOneOf, roles } from '@kalendaryo/contract/values';
import { checkEmail, checkName, checkNewPassword, compact, type FieldErrors } from '../../app/validation';

export interface NewUserInput {
  name: string;
  email: string;
  role: string;
  password: string;
}

export function validateNewUser(input: NewUserInput): FieldErrors<keyof NewUserInput> {
  return compact({
    name: checkName(input.name),
    email: checkEmail(input.email),
    role: isOneOf(roles, input.role) ? undefined : 'Choose a role',
    password: checkNewPassword(input.password),
  });
}
