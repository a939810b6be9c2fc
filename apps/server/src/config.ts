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
  /** Base of links in messages (KALENDARYO_PUBLIC_URL; default this server's own http://host:port). */
  publicUrl: string;
  /** Run the notification worker inside `serve` (KALENDARYO_SERVE_WORKER=false when `kalendaryo worker` runs apart). */
  serveWorker: boolean;
  /** Seconds a worker's claim on a delivery lasts; a worker that dies leaves it to another after this (5–3600, default 60). */
  deliveryLeaseSeconds: number;
  /** Email, SMS and web push settings (`SMTP_URL`, `SMS_GATEWAY_*`, `KALENDARYO_VAPID_*`). */
  channels: ChannelSettings;
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

/** KALENDARYO_PUBLIC_URL without a trailing slash, or this server's own address. */
function publicUrlOf(given: string | undefined, host: string, port: number): string {
  const raw = given?.trim();
  if (!raw) {
    const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return `http://${name}:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `KALENDARYO_PUBLIC_URL must be an http(s) URL such as https://calendar.example.org, got "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`KALENDARYO_PUBLIC_URL must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** Reads the configuration from `env` (defaults suit one office on one machine). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secure = env.KALENDARYO_SECURE_COOKIES;
  const port = int('PORT', env.PORT, 3000);
  const host = env.HOST?.trim() || '127.0.0.1';
  return {
    port,
    host,
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
    publicUrl: publicUrlOf(env.KALENDARYO_PUBLIC_URL, host, port),
    serveWorker: env.KALENDARYO_SERVE_WORKER?.trim() !== 'false',
    deliveryLeaseSeconds: intBetween(
      'KALENDARYO_DELIVERY_LEASE_SECONDS',
      env.KALENDARYO_DELIVERY_LEASE_SECONDS,
      60,
      5,
      3600,
    ),
    channels: loadChannelSettings(env),
    webDist: path.join(repoRoot, 'apps/web/dist'),
    version: '0.1.0',
  };
}

/** How notifications leave the server besides the inbox; each part is undefined when not set up. */
export interface ChannelSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465` (implicit TLS). */
  mail: { url: string; from: string } | undefined;
  sms:
    | {
        kind: 'semaphore' | 'webhook';
        url: string;
        token: string;
        /** Semaphore's `sendername` (a sender name registered with Semaphore); undefined: their default. */
        senderName: string | undefined;
      }
    | undefined;
  /** Web push keys; undefined keys: a pair generated once and kept in the database. */
  vapid: { publicKey: string; privateKey: string } | undefined;
  /** `mailto:` or `https:` contact the push services may use (RFC 8292). */
  vapidSubject: string | undefined;
  /**
   * Accept push endpoints on IP addresses and local names (a push service inside the network).
   * Off by default: the server POSTs to whatever endpoint a browser registers.
   */
  pushPrivateEndpoints: boolean;
}

const SEMAPHORE_URL = 'https://api.semaphore.co/api/v4/messages';

function loadChannelSettings(env: NodeJS.ProcessEnv): ChannelSettings {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/i.test(smtpUrl))
    throw new Error('SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:pass@mail.example:587');
  const mail = smtpUrl
    ? { url: smtpUrl, from: env.KALENDARYO_MAIL_FROM?.trim() || defaultFrom(smtpUrl) }
    : undefined;

  const givenKind = env.SMS_GATEWAY_KIND?.trim() || 'semaphore';
  if (givenKind !== 'semaphore' && givenKind !== 'webhook')
    throw new Error(`SMS_GATEWAY_KIND must be semaphore or webhook, got "${givenKind}"`);
  const kind: 'semaphore' | 'webhook' = givenKind;
  const token = env.SMS_GATEWAY_TOKEN?.trim() || undefined;
  const smsUrl = env.SMS_GATEWAY_URL?.trim() || (kind === 'semaphore' ? SEMAPHORE_URL : undefined);
  if (env.SMS_GATEWAY_URL?.trim() && !/^https?:\/\//i.test(smsUrl ?? ''))
    throw new Error('SMS_GATEWAY_URL must be an http:// or https:// address');
  if (kind === 'webhook' && token && !smsUrl)
    throw new Error('SMS_GATEWAY_KIND=webhook needs SMS_GATEWAY_URL');
  const sms =
    token && smsUrl
      ? { kind, url: smsUrl, token, senderName: env.SMS_SENDER_NAME?.trim() || undefined }
      : undefined;

  const publicKey = env.KALENDARYO_VAPID_PUBLIC_KEY?.trim() || undefined;
  const privateKey = env.KALENDARYO_VAPID_PRIVATE_KEY?.trim() || undefined;
  if (Boolean(publicKey) !== Boolean(privateKey))
    throw new Error('Set both KALENDARYO_VAPID_PUBLIC_KEY and KALENDARYO_VAPID_PRIVATE_KEY, or neither');
  const vapidSubject = env.KALENDARYO_VAPID_SUBJECT?.trim() || undefined;
  if (vapidSubject && !/^(mailto:|https:\/\/)/.test(vapidSubject))
    throw new Error('KALENDARYO_VAPID_SUBJECT must be a mailto: or https:// address');
  return {
    mail,
    sms,
    vapid: publicKey && privateKey ? { publicKey, privateKey } : undefined,
    vapidSubject,
    pushPrivateEndpoints: env.KALENDARYO_PUSH_PRIVATE_ENDPOINTS === 'true',
  };
}

/** Without KALENDARYO_MAIL_FROM: the SMTP user when it is an address, else noreply at the SMTP host. */
function defaultFrom(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  return `Kalendaryo <${user.includes('@') ? user : `noreply@${url.hostname}`}>`;
}
