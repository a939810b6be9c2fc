import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema, userSchema } from './users';

export const loginBody = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.infer<typeof loginBody>;

export const loginResponse = z.object({
  token: z.string().describe('Bearer token: send as `Authorization: Bearer <token>`'),
  expiresAt: z.string(),
  user: userSchema,
});

export const sessionResponse = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().describe('Send as `x-csrf-token` on writes made with the session cookie'),
});
/** The web session: who is signed in, and the CSRF token of its writes. */
export type Session = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const setupStatus = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatus>;
export const setupBody = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });
export type SetupBody = z.infer<typeof setupBody>;
