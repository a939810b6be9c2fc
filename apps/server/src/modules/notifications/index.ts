/**
 * The notifications module as the rest of the server uses it: `notify` writes messages into the
 * outbox inside the caller's transaction, `cancelPendingNotifications` drops those not yet sent,
 * `preferencesOf` reads people's preferences (defaults filled in). The worker that sends them is
 * started by `serve` and `kalendaryo worker`.
 */
export type { Channel, OutgoingMessage, PushTarget, Recipient, SendResult } from './channel';
export { PermanentSendError } from './channel';
export { createChannels } from './channels';
export { deletePushTargets, pushTargetsOf } from './channels/push.repository';
export { type LiveEvent, type LiveHub, openLiveHub } from './live';
export type { CancelFilter } from './notifications.repository';
export {
  cancelPendingNotifications,
  channelsFor,
  type NotificationInput,
  notify,
} from './outbox';
export { defaultPreferences } from './preferences.repository';
export { preferencesOf } from './preferences.service';
export { DeliveryWorker, startNotificationWorker, type WorkerOptions } from './worker';
