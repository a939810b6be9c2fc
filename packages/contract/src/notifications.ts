import { z } from 'zod';
import { listQuery, page } from './common';
import {
  notificationChannels,
  notificationTypes,
  REMINDER_MAX_MINUTES,
  REMINDERS_MAX,
  reminderPresets,
} from './values';

export { notificationChannels, notificationTypes, REMINDER_MAX_MINUTES, REMINDERS_MAX, reminderPresets };

export const notificationTypeSchema = z.enum(notificationTypes);
export const notificationChannelSchema = z.enum(notificationChannels);

/** One message in a person's inbox. */
export const notificationSchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  /** Absolute link into the web app (`KALENDARYO_PUBLIC_URL` + path). */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** The item (and occurrence) the message is about, when there is one. */
  itemId: z.uuid().nullable(),
  occurrence: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = listQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('Only unread messages when true'),
});
export const notificationPage = page(notificationSchema);
export type NotificationPage = z.infer<typeof notificationPage>;

/**
 * `GET /api/v1/notifications/stream` (Server-Sent Events) sends `event: notification` with a
 * `Notification` as data whenever one arrives, `event: unread` with an `UnreadCount` on connect and
 * after every change, and a comment line every 25 s to keep proxies from closing it.
 * `GET /api/v1/notifications/unread-count` answers the same `UnreadCount`.
 */
export const unreadCountResponse = z.object({ unread: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountResponse>;

export const readAllResponse = z.object({ marked: z.number().int().min(0) });

/** `HH:MM`, 24-hour local time in the person's zone. */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** E.164, e.g. `+639171234567`. */
export const E164 = /^\+[1-9]\d{6,14}$/;

const minutesBefore = z.number().int().min(0).max(REMINDER_MAX_MINUTES);
export const reminderMinutesSchema = z
  .array(minutesBefore)
  .max(REMINDERS_MAX)
  .describe('Minutes before the start, e.g. [15, 1440]; an empty list means no reminders');

/** Per message type, the channels a person wants it on (the inbox always gets it). */
export const channelsByTypeSchema = z.partialRecord(
  notificationTypeSchema,
  z.array(notificationChannelSchema).max(4),
);

export const preferencesSchema = z.object({
  channels: z.record(notificationTypeSchema, z.array(notificationChannelSchema)),
  defaultReminders: reminderMinutesSchema,
  quietHours: z
    .object({
      enabled: z.boolean(),
      start: z.string().regex(LOCAL_TIME),
      end: z.string().regex(LOCAL_TIME),
      /** Reminders still arrive during quiet hours. */
      remindersExempt: z.boolean(),
    })
    .describe('Messages that fall in quiet hours are held until they end, never dropped'),
  workingHours: z.object({
    days: z.array(z.number().int().min(1).max(7)).max(7).describe('ISO weekdays, 1 = Monday'),
    start: z.string().regex(LOCAL_TIME),
    end: z.string().regex(LOCAL_TIME),
  }),
  digest: z.object({ enabled: z.boolean(), time: z.string().regex(LOCAL_TIME) }),
  phone: z.string().regex(E164).nullable(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesPatch = z
  .object({
    channels: channelsByTypeSchema,
    defaultReminders: reminderMinutesSchema,
    quietHours: preferencesSchema.shape.quietHours.partial(),
    workingHours: preferencesSchema.shape.workingHours.partial(),
    digest: preferencesSchema.shape.digest.partial(),
    phone: z.string().regex(E164, 'A phone number in international form, e.g. +639171234567').nullable(),
  })
  .partial()
  .strict();
export type PreferencesPatch = z.infer<typeof preferencesPatch>;

/** `PUT /api/v1/items/{id}/reminders`: the signed-in participant's own reminders for the item. */
export const itemRemindersBody = z.object({ minutes: reminderMinutesSchema }).strict();
export const itemRemindersResponse = z.object({
  minutes: reminderMinutesSchema,
  /** True while the person has set none for this item and their defaults apply. */
  usesDefaults: z.boolean(),
});
export type ItemReminders = z.infer<typeof itemRemindersResponse>;

/** A browser's Push API subscription, as `PushSubscription.toJSON()` gives it. */
export const pushSubscriptionBody = z.object({
  endpoint: z.url().max(2000),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;
export const pushSubscriptionResponse = z.object({ id: z.uuid() });
export const vapidKeyResponse = z.object({ publicKey: z.string() });

/** A delivery the worker gave up on, for administrators. */
export const failedDeliverySchema = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  recipientId: z.uuid(),
  channel: notificationChannelSchema,
  type: notificationTypeSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});
export const failedDeliveryPage = page(failedDeliverySchema);
