import type { Db } from '../../../db/client';
import type { Channel } from '../channel';
import { markDelivered } from '../notifications.repository';

/**
 * The inbox. The notification row is the inbox entry and shows there once due, so "sending"
 * only records that it was delivered; the worker then publishes it to the person's open streams.
 */
export function inAppChannel(db: Db): Channel {
  return {
    name: 'in_app',
    configured: true,
    async send(message) {
      await markDelivered(db, message.notificationId);
      return undefined;
    },
  };
}
