import type { Config } from '../config';
import type { Db } from '../db/client';

/** What services are given: the database and the configuration. Modules take only what they use. */
export interface ServiceDeps {
  db: Db;
  config: Pick<Config, 'passwordCost' | 'sessionDays' | 'tokenDays'>;
}

/** Who is making a request, and how they proved it. */
export interface Actor {
  userId: string;
  role: 'admin' | 'coordinator' | 'staff' | 'viewer';
  name: string;
  email: string;
  sessionId: string;
  via: 'cookie' | 'bearer';
  csrfToken: string | null;
}

/** Where a request came from, for the audit log and throttling. */
export interface RequestMeta {
  ip: string;
  userAgent?: string;
}
