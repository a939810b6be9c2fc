import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { Channel } from '../channel';
import { emailChannel } from './email';
import { pushChannel } from './push';
import { smsChannel } from './sms';

/**
 * Every channel the worker delivers through, made from the configuration: one that is not set up
 * is present with `configured: false`, so its deliveries are skipped rather than failed.
 */
export function createChannels(config: Config, db: Db): Channel[] {
  const contact = config.adminEmail ? `mailto:${config.adminEmail}` : undefined;
  return [
    emailChannel(config.channels.mail),
    smsChannel(config.channels.sms),
    pushChannel(config.channels, db, {}, contact),
  ];
}
