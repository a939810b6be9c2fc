import { E164 } from '@kalendaryo/contract';
import type { ChannelSettings } from '../../../config';
import { type Channel, type OutgoingMessage, PermanentSendError } from '../channel';
import { smsText } from './sms.text';

export type SmsSettings = NonNullable<ChannelSettings['sms']>;

const TIMEOUT_MS = 10_000;
/** A Philippine mobile number in E.164: +63 9XX XXX XXXX. */
const PH_MOBILE = /^\+639\d{9}$/;

/** A gateway's answer that retrying cannot change: the number or the message was refused. */
const refused = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * The SMS channel: the message's title, body and link in at most two segments, sent through an
 * HTTP gateway — Semaphore's send-message API (Philippines) or a generic JSON webhook.
 */
export function smsChannel(settings: SmsSettings | undefined): Channel {
  if (!settings) {
    return {
      name: 'sms',
      configured: false,
      send: async () => {
        throw new Error('SMS is not configured (SMS_GATEWAY_TOKEN)');
      },
      health: async () => 'off',
    };
  }
  const send = settings.kind === 'semaphore' ? sendSemaphore : sendWebhook;
  return {
    name: 'sms',
    configured: true,
    async send(message) {
      const phone = message.recipient.phone;
      if (!phone) throw new PermanentSendError('The recipient has no phone number for SMS');
      if (!E164.test(phone)) throw new PermanentSendError('The phone number is not in E.164 form (+639…)');
      const { text } = smsText(message.title, message.body, message.link);
      await send(settings, phone, text, message);
      return undefined;
    },
  };
}

/**
 * Semaphore's `POST /api/v4/messages` with `apikey`, `number`, `message` and `sendername`
 * (form-encoded, as their documentation sends it); it answers an array of queued messages.
 */
async function sendSemaphore(settings: SmsSettings, phone: string, text: string) {
  if (!PH_MOBILE.test(phone))
    throw new PermanentSendError('Semaphore sends only to Philippine mobile numbers (+639…)');
  const form = new URLSearchParams({ apikey: settings.token, number: phone.slice(1), message: text });
  if (settings.senderName) form.set('sendername', settings.senderName);
  const res = await post(settings.url, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  });
  const answer = await res.json().catch(() => undefined);
  // A refused request answers field errors (`{"number": ["…"]}`) instead of the list of messages.
  if (!Array.isArray(answer) || answer.length === 0)
    throw new PermanentSendError(
      `Semaphore refused the message: ${JSON.stringify(answer ?? null).slice(0, 200)}`,
    );
  const status = String((answer[0] as { status?: unknown }).status ?? '');
  if (/^(failed|refunded)$/i.test(status)) throw new PermanentSendError(`Semaphore answered ${status}`);
}

/** A generic gateway: `POST {to, message}` as JSON with a bearer token; the id makes retries recognisable. */
async function sendWebhook(settings: SmsSettings, phone: string, text: string, message: OutgoingMessage) {
  await post(settings.url, {
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${settings.token}`,
      'idempotency-key': message.deliveryId,
    },
    body: JSON.stringify({ to: phone, message: text, id: message.deliveryId }),
  });
}

/** POSTs and classifies the answer: 2xx passes, a refusal is permanent, the rest is retried. */
async function post(url: string, init: { headers: Record<string, string>; body: string }): Promise<Response> {
  const res = await fetch(url, { method: 'POST', ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.ok) return res;
  const detail = (await res.text().catch(() => '')).slice(0, 200);
  const why = `The SMS gateway answered ${res.status}${detail ? `: ${detail}` : ''}`;
  if (refused(res.status) && res.status !== 401 && res.status !== 403) throw new PermanentSendError(why);
  // 401/403 is a wrong token: fixing the setting makes a retry succeed, like 5xx and 429.
  throw new Error(why);
}
