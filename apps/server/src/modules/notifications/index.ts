// The notifications module's face. The channels part: the channel interface, the channels made
// from the configuration, and the push subscriptions the worker loads and prunes.
export type { Channel, OutgoingMessage, PushTarget, Recipient, SendResult } from './channel';
export { PermanentSendError } from './channel';
export { createChannels } from './channels';
export { deletePushTargets, pushTargetsOf } from './channels/push.repository';
