import { z } from 'zod';
import { ANY_CONTROL, listQuery } from './common';
import { limits, roles, userStatusFilters } from './values';

export const roleSchema = z.enum(roles);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.email)
  .pipe(z.email({ message: 'Enter a valid email address' }));

/**
 * New passwords: 10 to 200 printable characters (any script, spaces included). The server also
 * refuses common and easily guessed ones (`auth.weak_password`): see the password policy.
 */
export const passwordSchema = z
  .string()
  .min(limits.passwordMin, { message: `Use at least ${limits.passwordMin} characters` })
  .max(limits.passwordMax, { message: `Use at most ${limits.passwordMax} characters` })
  .refine((v) => !ANY_CONTROL.test(v), {
    message: 'Use printable characters only (no tabs, line breaks or control characters)',
  });

export const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(limits.name)
  .refine((v) => !ANY_CONTROL.test(v), { message: 'Use no tabs, line breaks or other control characters' });

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  timeZone: z.string(),
  showHolidays: z.boolean(),
  createdAt: z.string().describe('ISO 8601 instant'),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const createUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({ name: nameSchema.optional(), role: roleSchema.optional() })
  .refine((b) => b.name !== undefined || b.role !== undefined, {
    message: 'Give a name or a role to change',
  });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const listUsersQuery = listQuery.extend({
  q: z.string().trim().max(200).optional().describe('Search in name and email'),
  role: roleSchema.optional(),
  status: z.enum(userStatusFilters).default('all'),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

/** What a user may change about themselves. */
export const updateMeBody = z
  .object({
    name: nameSchema.optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(
        (zone) => {
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: zone });
            return !/^[+-]?\d/.test(zone);
          } catch {
            return false;
          }
        },
        { message: 'Use an IANA time zone such as Asia/Manila' },
      )
      .optional(),
    showHolidays: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Give something to change' });
export type UpdateMeBody = z.infer<typeof updateMeBody>;

/** A colleague as everyone may see them (for assignees, facilitators, participants). */
export const personSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: roleSchema });
export type Person = z.infer<typeof personSchema>;
export const listPeopleQuery = listQuery.extend({
  q: z.string().trim().max(200).optional().describe('Search in name and email'),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuery>;
