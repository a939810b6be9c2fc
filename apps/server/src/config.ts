import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Everything Kalendaryo reads from its environment, parsed once at start-up. This is the only file
 * that reads `process.env` (a test checks it); the rest is given what it needs.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Requests per minute per signed-in user (or per address when anonymous); 0 turns it off. */
  rateLimitPerMinute: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  adminName: string;
  logLevel: string;
  /** log2 of the scrypt cost for new password hashes. */
  passwordCost: number;
  secureCookies: boolean | 'auto';
  sessionDays: number;
  tokenDays: number;
  /** A web session not used for this many hours ends (sliding); sessionDays caps its whole life. */
  sessionIdleHours: number;
  /** An API token not used for this many days stops working; tokenDays caps its whole life. */
  tokenIdleDays: number;
  /** Take the client address from X-Forwarded-For (KALENDARYO_TRUST_PROXY=true behind a proxy). */
  trustProxy: boolean;
  /** Days ahead that the occurrences of a recurring item are booked (1–3650, default 365). */
  bookingHorizonDays: number;
  /** Minutes before a booking's start from which a vehicle or equipment may be checked out (0–1440, default 120). */
  checkoutLeadMinutes: number;
  /** Secret that signs check-in codes; undefined: a key generated once and kept in the database. */
  attendanceKey: string | undefined;
  /** Calendar subscriptions may fetch addresses on this machine or private networks (off: SSRF guard). */
  subscriptionsAllowPrivate: boolean;
  /** Minutes between refreshes of a subscribed calendar (5–10080, default 360). */
  subscriptionRefreshMinutes: number;
  webDist: string;
  version: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const int = (name: string, value: string | undefined, fallback: number, min = 0): number => {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be an integer >= ${min}, got "${value}"`);
  return n;
};

const intBetween = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
  const raw = value?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
};

/** Reads the configuration from `env` (defaults suit one office on one machine). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secure = env.KALENDARYO_SECURE_COOKIES;
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR?.trim() || path.join(process.cwd(), 'data')),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    rateLimitPerMinute: int('KALENDARYO_RATE_LIMIT', env.KALENDARYO_RATE_LIMIT, 6000),
    adminEmail: env.KALENDARYO_ADMIN_EMAIL?.trim() || undefined,
    adminPassword: env.KALENDARYO_ADMIN_PASSWORD || undefined,
    adminName: env.KALENDARYO_ADMIN_NAME?.trim() || 'Administrator',
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    passwordCost: int('KALENDARYO_PASSWORD_COST', env.KALENDARYO_PASSWORD_COST, 17, 10),
    secureCookies: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    sessionDays: int('KALENDARYO_SESSION_DAYS', env.KALENDARYO_SESSION_DAYS, 30, 1),
    tokenDays: int('KALENDARYO_TOKEN_DAYS', env.KALENDARYO_TOKEN_DAYS, 90, 1),
    sessionIdleHours: int('KALENDARYO_SESSION_IDLE_HOURS', env.KALENDARYO_SESSION_IDLE_HOURS, 12, 1),
    tokenIdleDays: int('KALENDARYO_TOKEN_IDLE_DAYS', env.KALENDARYO_TOKEN_IDLE_DAYS, 30, 1),
    trustProxy: env.KALENDARYO_TRUST_PROXY === 'true',
    bookingHorizonDays: intBetween(
      'KALENDARYO_BOOKING_HORIZON_DAYS',
      env.KALENDARYO_BOOKING_HORIZON_DAYS,
      365,
      1,
      3650,
    ),
    checkoutLeadMinutes: intBetween(
      'KALENDARYO_CHECKOUT_LEAD_MINUTES',
      env.KALENDARYO_CHECKOUT_LEAD_MINUTES,
      120,
      0,
      1440,
    ),
    attendanceKey: env.KALENDARYO_ATTENDANCE_KEY?.trim() || undefined,
    subscriptionsAllowPrivate: env.KALENDARYO_SUBSCRIPTIONS_ALLOW_PRIVATE === 'true',
    subscriptionRefreshMinutes: intBetween(
      'KALENDARYO_SUBSCRIPTION_REFRESH_MINUTES',
      env.KALENDARYO_SUBSCRIPTION_REFRESH_MINUTES,
      360,
      5,
      10080,
    ),
    webDist: path.join(repoRoot, 'apps/web/dist'),
    version: '0.1.0',
  };
}
