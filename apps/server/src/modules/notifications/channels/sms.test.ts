import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notificationTypes } from '@kalendaryo/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import { PermanentSendError } from '../channel';
import { outgoing } from './channels.fixtures';
import { smsChannel } from './sms';
import { segmentsOf } from './sms.text';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function listen(handle: (req: Received) => { status: number; json: unknown }) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const { status, json } = handle(r);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/**
 * Semaphore's send-message API as documented: form fields apikey, number (09… or 639…), message,
 * sendername; an array of queued messages back, or field errors for a bad request.
 */
function semaphore(apikey: string) {
  let id = 1000;
  return ({ path, body }: Received) => {
    const form = new URLSearchParams(body);
    if (path !== '/api/v4/messages') return { status: 404, json: { message: 'Not found' } };
    if (form.get('apikey') !== apikey) return { status: 401, json: { message: 'Invalid API key' } };
    const number = form.get('number') ?? '';
    if (!/^(09|639)\d{9}$/.test(number))
      return { status: 422, json: { number: ['The number format is invalid.'] } };
    const message = form.get('message') ?? '';
    if (!message) return { status: 422, json: { message: ['The message field is required.'] } };
    return {
      status: 200,
      json: [
        {
          message_id: ++id,
          recipient: number,
          message,
          sender_name: form.get('sendername') ?? 'SEMAPHORE',
          network: 'Globe',
          status: 'Pending',
          type: 'Single',
          source: 'Api',
        },
      ],
    };
  };
}

const smsSettings = (env: Record<string, string>) => {
  const sms = loadConfig(env).channels.sms;
  if (!sms) throw new Error('SMS settings expected');
  return sms;
};

describe('SMS through Semaphore', () => {
  it('posts apikey, number, message and sender name, and the message fits two segments', async () => {
    const gateway = await listen(semaphore('s3cret'));
    const channel = smsChannel(
      smsSettings({
        SMS_GATEWAY_KIND: 'semaphore',
        SMS_GATEWAY_URL: `${gateway.url}/api/v4/messages`,
        SMS_GATEWAY_TOKEN: 's3cret',
        SMS_SENDER_NAME: 'OOBC',
      }),
    );
    expect(channel.configured).toBe(true);
    const long = 'The van leaves from the main gate; bring the trip ticket and the fuel card. '.repeat(8);
    await channel.send(outgoing({ title: 'Van 1 approved for Tue 8 Dec, 09:00', body: long }));
    const [request] = gateway.received;
    const form = new URLSearchParams(request!.body);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.get('number')).toBe('639171234567');
    expect(form.get('sendername')).toBe('OOBC');
    const message = form.get('message')!;
    expect(message.startsWith('Van 1 approved for Tue 8 Dec, 09:00\nThe van leaves')).toBe(true);
    expect(message.endsWith('...\nhttps://kalendaryo.example/calendar?item=1')).toBe(true);
    expect(segmentsOf(message)).toEqual({ encoding: 'GSM-7', segments: 2 });
  });

  it('refuses, without calling the gateway, a person without a phone, a malformed one, or one outside the Philippines', async () => {
    const gateway = await listen(semaphore('s3cret'));
    const channel = smsChannel(
      smsSettings({ SMS_GATEWAY_URL: `${gateway.url}/api/v4/messages`, SMS_GATEWAY_TOKEN: 's3cret' }),
    );
    const base = outgoing().recipient;
    for (const phone of [null, '09171234567', '+63 917 123 4567', '+14155550100']) {
      await expect(channel.send(outgoing({ recipient: { ...base, phone } }))).rejects.toBeInstanceOf(
        PermanentSendError,
      );
    }
    expect(gateway.received).toEqual([]);
  });

  it('treats a field error as permanent and a wrong key or an outage as transient', async () => {
    const gateway = await listen(semaphore('s3cret'));
    const wrongKey = smsChannel(
      smsSettings({ SMS_GATEWAY_URL: `${gateway.url}/api/v4/messages`, SMS_GATEWAY_TOKEN: 'wrong' }),
    );
    const error = await wrongKey.send(outgoing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);

    const broken = await listen(() => ({ status: 422, json: { number: ['The number format is invalid.'] } }));
    const refusing = smsChannel(smsSettings({ SMS_GATEWAY_URL: broken.url, SMS_GATEWAY_TOKEN: 's3cret' }));
    await expect(refusing.send(outgoing())).rejects.toBeInstanceOf(PermanentSendError);

    const down = await listen(() => ({ status: 503, json: { message: 'Maintenance' } }));
    const unavailable = smsChannel(smsSettings({ SMS_GATEWAY_URL: down.url, SMS_GATEWAY_TOKEN: 's3cret' }));
    const outage = await unavailable.send(outgoing()).catch((e: unknown) => e);
    expect(outage).not.toBeInstanceOf(PermanentSendError);
  });
});

describe('SMS through a generic webhook', () => {
  it('posts {to, message} as JSON with the bearer token, and any E.164 number', async () => {
    const gateway = await listen(() => ({ status: 202, json: { queued: true } }));
    const channel = smsChannel(
      smsSettings({
        SMS_GATEWAY_KIND: 'webhook',
        SMS_GATEWAY_URL: `${gateway.url}/sms`,
        SMS_GATEWAY_TOKEN: 'tok',
      }),
    );
    const message = outgoing({
      title: 'Paalala: pulong 📅',
      recipient: { ...outgoing().recipient, phone: '+14155550100' },
    });
    await channel.send(message);
    const [request] = gateway.received;
    expect(request!.path).toBe('/sms');
    expect(request!.headers.authorization).toBe('Bearer tok');
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ to: '+14155550100', id: message.deliveryId });
    expect(body.message.startsWith('Paalala: pulong 📅')).toBe(true);
    expect(segmentsOf(body.message).encoding).toBe('UCS-2');
    expect(segmentsOf(body.message).segments).toBeLessThanOrEqual(2);
  });

  it('sends every message type with its title and link within two segments', async () => {
    const gateway = await listen(() => ({ status: 200, json: {} }));
    const channel = smsChannel(
      smsSettings({ SMS_GATEWAY_KIND: 'webhook', SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 't' }),
    );
    for (const type of notificationTypes)
      await channel.send(
        outgoing({
          type,
          title: `Title of ${type}`,
          body: 'Body. '.repeat(80),
          link: `https://k.example/${type}`,
        }),
      );
    expect(gateway.received).toHaveLength(notificationTypes.length);
    for (const [i, type] of notificationTypes.entries()) {
      const { message } = JSON.parse(gateway.received[i]!.body) as { message: string };
      expect(message.startsWith(`Title of ${type}\nBody.`)).toBe(true);
      expect(message.endsWith(`...\nhttps://k.example/${type}`)).toBe(true);
      expect(segmentsOf(message)).toEqual({ encoding: 'GSM-7', segments: 2 });
    }
  });

  it('is off without a token, and a webhook needs its address', () => {
    expect(smsChannel(loadConfig({}).channels.sms).configured).toBe(false);
    expect(() => loadConfig({ SMS_GATEWAY_KIND: 'webhook', SMS_GATEWAY_TOKEN: 't' })).toThrow(
      'SMS_GATEWAY_KIND=webhook needs SMS_GATEWAY_URL',
    );
    expect(() => loadConfig({ SMS_GATEWAY_KIND: 'twilio' })).toThrow('SMS_GATEWAY_KIND must be');
  });
});
