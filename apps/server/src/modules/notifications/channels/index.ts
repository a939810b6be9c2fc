import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import type { Channel } from '../channel';
import { inAppChannel } from './in-app';

/** The channels of this server, configured from `config`. */
export function createChannels(_config: Config, db: Db): Channel[] {
  return [inAppChannel(db)];
}
