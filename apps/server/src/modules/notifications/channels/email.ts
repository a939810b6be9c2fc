import type { ConnectionOptions } from 'node:tls';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { type Channel, type OutgoingMessage, PermanentSendError } from '../channel';
import { renderEmail } from './email.templates';
import { itipCalendar, itipEventOf } from './itip';

export interface EmailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  url: string;
  from: string;
  /** TLS options beyond the URL's (a private CA in tests or for an internal relay). */
  tls?: ConnectionOptions;
}

const ITEM_TYPES = new Set(['item.invited', 'item.changed', 'item.cancelled']);
/** How long the health check trusts its last answer; polls of `/api/health` never open a connection each. */
const HEALTH_TTL_MS = 60_000;
const HEALTH_TIMEOUT_MS = 5_000;

/**
 * The email channel: one pooled SMTP transport, a template per message type in HTML and plain
 * text, the delivery's Message-ID (so a retried send is recognisably the same mail), and for item
 * messages an iTIP part that mail clients turn into a calendar entry.
 */
export function emailChannel(settings: EmailSettings | undefined): Channel {
  if (!settings) {
    return {
      name: 'email',
      configured: false,
      send: async () => {
        throw new Error('Email is not configured (SMTP_URL)');
      },
      health: async () => 'off',
    };
  }
  const transport = createTransport(settings);
  let lastHealth: { at: number; state: string } | undefined;
  let checking: Promise<string> | undefined;

  const check = (): Promise<string> => {
    checking ??= Promise.race([
      transport.verify().then(
        () => 'ok',
        (e: unknown) => `error: ${describe(e)}`,
      ),
      new Promise<string>((resolve) =>
        setTimeout(() => resolve('error: no answer'), HEALTH_TIMEOUT_MS).unref(),
      ),
    ]).then((state) => {
      lastHealth = { at: Date.now(), state };
      checking = undefined;
      return state;
    });
    return checking;
  };

  return {
    name: 'email',
    configured: true,
    async send(message) {
      const mail = await composeMail(message, settings.from);
      try {
        await transport.sendMail(mail);
        lastHealth = { at: Date.now(), state: 'ok' };
      } catch (e) {
        if (isPermanent(e)) throw new PermanentSendError(`SMTP refused the message: ${describe(e)}`);
        lastHealth = { at: Date.now(), state: `error: ${describe(e)}` };
        throw e;
      }
      return undefined;
    },
    /** The last known state; a stale one is refreshed in the background, so health polls stay fast. */
    async health() {
      if (!lastHealth) return check();
      if (Date.now() - lastHealth.at >= HEALTH_TTL_MS) void check();
      return lastHealth.state;
    },
    async close() {
      transport.close();
    },
  };
}

function createTransport(settings: EmailSettings): Transporter {
  const url = new URL(settings.url);
  const implicitTls = url.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
    secure: implicitTls,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // STARTTLS whenever the server offers it (nodemailer's default for `secure: false`).
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(settings.tls ? { tls: settings.tls } : {}),
  });
}

/** The mail for one message: headers, HTML + text from the template, the iTIP part for item messages. */
export async function composeMail(message: OutgoingMessage, from: string): Promise<SendMailOptions> {
  if (!message.recipient.email) throw new PermanentSendError('The recipient has no email address');
  const { html, text } = await renderEmail(message);
  const event = ITEM_TYPES.has(message.type) ? itipEventOf(message.data) : undefined;
  return {
    from,
    to: { name: message.recipient.name, address: message.recipient.email },
    subject: message.title,
    messageId: message.messageId,
    headers: {
      'X-Kalendaryo-Type': message.type,
      // Automated mail: out-of-office replies should not answer it (RFC 3834).
      'Auto-Submitted': 'auto-generated',
    },
    text,
    html,
    ...(event
      ? {
          icalEvent: {
            method: event.method,
            filename: event.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
            content: itipCalendar(event, message.recipient, senderOf(from)),
          },
        }
      : {}),
  };
}

/** `Name <address>` or a bare address, as a person for ORGANIZER. */
function senderOf(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1] ?? '', email: m[2] ?? '' } : { name: '', email: from.trim() };
}

/** SMTP authentication failures are 5xx too, but fixing the password makes a retry succeed. */
const AUTH_CODES = new Set([530, 534, 535, 538]);

/** A 5xx reply to the message or its recipient (RFC 5321 §4.2.1): sending it again cannot help. */
function isPermanent(e: unknown): boolean {
  const code = (e as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 && !AUTH_CODES.has(code);
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const { responseCode, response, code } = e as { responseCode?: number; response?: string; code?: string };
  return (
    response ?? (responseCode ? `${responseCode} ${e.message}` : `${code ? `${code} ` : ''}${e.message}`)
  ).slice(0, 300);
}
