import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { Channel } from '../channel';
import { emailChannel } from './email';

/**
 * Every channel the worker delivers through, made from the configuration: one that is not set up
 * is present with `configured: false`, so its deliveries are skipped rather than failed.
 */
export function createChannels(config: Config, _db: Db): Channel[] {
  return [emailChannel(config.channels.mail)];
}
