import { z } from 'zod';
import { colorSchema } from './items';

export const permissionSchema = z.enum(['view', 'edit', 'manage']);
export type CalendarPermission = z.infer<typeof permissionSchema>;

export const calendarSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['personal', 'shared']),
  ownerId: z.uuid(),
  color: z.string(),
  description: z.string().nullable(),
  permission: permissionSchema.describe('What you may do with it'),
  readOnly: z
    .boolean()
    .describe('A calendar subscribed by URL: its items come from the source and cannot be changed here'),
  version: z.number().int(),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const createCalendarBody = z.object({
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(200),
  color: colorSchema.optional(),
  description: z.string().max(5000).nullable().optional(),
});
export const updateCalendarBody = createCalendarBody.partial();

export const calendarMemberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  permission: permissionSchema,
});
export const setMemberBody = z.object({ permission: permissionSchema });

export const communitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  region: z.string().nullable(),
  province: z.string().nullable(),
  municipality: z.string().nullable(),
  barangay: z.string().nullable(),
});
export type Community = z.infer<typeof communitySchema>;
const place = z.string().trim().max(200).nullable().optional();
export const createCommunityBody = z.object({
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(200),
  region: place,
  province: place,
  municipality: place,
  barangay: place,
});
