import { z } from 'zod';
import { emailSchema, nameSchema, passwordSchema, userSchema } from './users';

export const loginBody = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1000),
});

export const loginResponse = z.object({
  token: z.string().describe('Bearer token: send as `Authorization: Bearer <token>`'),
  expiresAt: z.string(),
  user: userSchema,
});

export const sessionResponse = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().describe('Send as `x-csrf-token` on writes made with the session cookie'),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: passwordSchema,
});

export const setupStatus = z.object({ needsSetup: z.boolean() });
export const setupBody = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });
