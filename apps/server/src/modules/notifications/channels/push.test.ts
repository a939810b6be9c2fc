import { randomBytes } from 'node:crypto';
import { notificationTypes } from '@kalendaryo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { loadConfig } from '../../../config';
import { people, type Who } from '../../../test/factories';
import { startTestPushService, type TestPushService } from '../../../test/push-service';
import { createTestApp, request, type TestApp } from '../../../test/server';
import { PermanentSendError } from '../channel';
import { outgoing } from './channels.fixtures';
import { pushChannel } from './push';
import { deletePushTargets, pushTargetsOf } from './push.repository';

let t: TestApp;
let amina: Who, ben: Who, viewer: Who;
// A push service on https://127.0.0.1 with a certificate made by openssl (absent without it).
const found = await startTestPushService();

beforeAll(async () => {
  // The push service of these tests listens on 127.0.0.1.
  const config = loadConfig({ KALENDARYO_PUSH_PRIVATE_ENDPOINTS: 'true' });
  t = await createTestApp({ channels: config.channels });
  [amina, ben, viewer] = await people(t, ['staff', 'staff', 'viewer']);
});
afterAll(async () => {
  await found?.close();
  await t.close();
});

const subscriptionCount = async () =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from push_subscriptions')).rows[0]!.n;

describe('push subscription routes', () => {
  it('gives one VAPID public key, generated once and kept', async () => {
    const first = await request(t, amina, 'GET', '/api/v1/push/vapid-key');
    expect(first.statusCode).toBe(200);
    const key = Buffer.from(first.json().publicKey, 'base64url');
    expect(key.length).toBe(65);
    expect(key[0]).toBe(4);
    expect((await request(t, ben, 'GET', '/api/v1/push/vapid-key')).json()).toEqual(first.json());
  });

  it('stores a subscription once per endpoint, moving it to whoever subscribes the browser last', async () => {
    const keys = { p256dh: randomP256(), auth: randomBytes(16).toString('base64url') };
    const endpoint = 'https://push.example/send/abc';
    const created = await request(t, amina, 'POST', '/api/v1/push/subscriptions', { endpoint, keys });
    expect(created.statusCode).toBe(201);
    const again = await request(t, amina, 'POST', '/api/v1/push/subscriptions', { endpoint, keys });
    expect(again.json().id).toBe(created.json().id);
    const byBen = await request(t, ben, 'POST', '/api/v1/push/subscriptions', { endpoint, keys });
    expect(byBen.json().id).toBe(created.json().id);
    const targets = await pushTargetsOf(t.db, [amina.user.id, ben.user.id]);
    expect(targets.get(amina.user.id)).toBeUndefined();
    expect(targets.get(ben.user.id)).toEqual([{ id: created.json().id, endpoint, keys }]);

    // Amina no longer owns it: deleting it is "not found" for her, and works for Ben, once.
    const id = created.json().id;
    expect((await request(t, amina, 'DELETE', `/api/v1/push/subscriptions/${id}`)).statusCode).toBe(404);
    expect((await request(t, ben, 'DELETE', `/api/v1/push/subscriptions/${id}`)).statusCode).toBe(204);
    expect((await request(t, ben, 'DELETE', `/api/v1/push/subscriptions/${id}`)).statusCode).toBe(404);
  });

  it('lets a viewer subscribe their browser', async () => {
    const keys = { p256dh: randomP256(), auth: randomBytes(16).toString('base64url') };
    const res = await request(t, viewer, 'POST', '/api/v1/push/subscriptions', {
      endpoint: 'https://push.example/send/viewer',
      keys,
    });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['a key that is not a P-256 point', { p256dh: Buffer.alloc(65, 4).toString('base64url') }, 'keys.p256dh'],
    ['a compressed or short key', { p256dh: randomBytes(33).toString('base64url') }, 'keys.p256dh'],
    ['an auth secret that is not 16 bytes', { auth: randomBytes(8).toString('base64url') }, 'keys.auth'],
    ['keys that are not base64url', { auth: 'not base64!' }, 'keys.auth'],
    ['an endpoint that is not https', { endpoint: 'http://push.example/x' }, 'endpoint'],
  ])('refuses %s with 422 push.subscription_invalid and stores nothing', async (_, change, field) => {
    const before = await subscriptionCount();
    const { endpoint, ...keyChange } = change as { endpoint?: string; p256dh?: string; auth?: string };
    const res = await request(t, amina, 'POST', '/api/v1/push/subscriptions', {
      endpoint: endpoint ?? 'https://push.example/send/bad',
      keys: { p256dh: randomP256(), auth: randomBytes(16).toString('base64url'), ...keyChange },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('push.subscription_invalid');
    expect(res.json().errors[0].field).toBe(field);
    expect(await subscriptionCount()).toBe(before);
  });
});

describe('push endpoints inside the network', () => {
  it('are refused unless KALENDARYO_PUSH_PRIVATE_ENDPOINTS=true', async () => {
    const strict = await createTestApp();
    try {
      const [who] = await people(strict, ['staff']);
      const keys = { p256dh: randomP256(), auth: randomBytes(16).toString('base64url') };
      for (const endpoint of [
        'https://127.0.0.1:8443/p',
        'https://[::1]/p',
        'https://localhost/p',
        'https://push.corp.internal/p',
      ]) {
        const res = await request(strict, who, 'POST', '/api/v1/push/subscriptions', { endpoint, keys });
        expect(res.statusCode, endpoint).toBe(422);
        expect(res.json().code).toBe('push.subscription_invalid');
      }
      const ok = await request(strict, who, 'POST', '/api/v1/push/subscriptions', {
        endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
        keys,
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await strict.close();
    }
  });
});

describe.skipIf(!found)('push channel to a push service on this machine', () => {
  const service = found as TestPushService;

  it('encrypts the message so the browser decrypts its title, signed with the stored VAPID key', async () => {
    const browser = service.browser();
    await request(t, amina, 'POST', '/api/v1/push/subscriptions', {
      endpoint: browser.endpoint,
      keys: browser.keys,
    });
    const channel = pushChannel({ vapid: undefined, vapidSubject: 'mailto:admin@oobc.example' }, t.db, {
      agent: service.agent,
    });
    const targets = (await pushTargetsOf(t.db, [amina.user.id])).get(amina.user.id) ?? [];
    const message = outgoing({
      type: 'booking.approved',
      title: 'Van 1 approved for Tue 8 Dec, 09:00',
      pushTargets: targets,
    });
    expect(await channel.send(message)).toBeUndefined();

    const got = service.received.find((r) => browser.endpoint.endsWith(r.path))!;
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(JSON.parse(got.payload)).toMatchObject({
      title: 'Van 1 approved for Tue 8 Dec, 09:00',
      body: message.body,
      link: message.link,
      type: 'booking.approved',
    });
    const vapidKey = (await request(t, amina, 'GET', '/api/v1/push/vapid-key')).json().publicKey;
    expect(got.vapid).toMatchObject({ valid: true, publicKey: vapidKey });
    expect(got.vapid.claims).toMatchObject({
      aud: new URL(browser.endpoint).origin,
      sub: 'mailto:admin@oobc.example',
    });
  });

  it('reports browsers the push service says are gone (404, 410), which are then deleted', async () => {
    const live = service.browser(201);
    const gone = service.browser(410);
    const unknown = service.browser(404);
    for (const b of [live, gone, unknown])
      await request(t, ben, 'POST', '/api/v1/push/subscriptions', { endpoint: b.endpoint, keys: b.keys });
    const targets = (await pushTargetsOf(t.db, [ben.user.id])).get(ben.user.id) ?? [];
    const channel = pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, {
      agent: service.agent,
    });
    const result = await channel.send(outgoing({ pushTargets: targets }));
    const expired = targets.filter((x) => x.endpoint !== live.endpoint).map((x) => x.id);
    expect(result?.expiredPushTargets?.sort()).toEqual(expired.sort());
    expect(await deletePushTargets(t.db, result?.expiredPushTargets ?? [])).toBe(2);
    const left = (await pushTargetsOf(t.db, [ben.user.id])).get(ben.user.id) ?? [];
    expect(left.map((x) => x.endpoint)).toEqual([live.endpoint]);
  });

  it('fails permanently when every browser is gone (and forgets them), or when there is none', async () => {
    const [carla] = await people(t, ['staff']);
    const gone = service.browser(410);
    await request(t, carla, 'POST', '/api/v1/push/subscriptions', {
      endpoint: gone.endpoint,
      keys: gone.keys,
    });
    const targets = (await pushTargetsOf(t.db, [carla.user.id])).get(carla.user.id) ?? [];
    const channel = pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, {
      agent: service.agent,
    });
    await expect(channel.send(outgoing({ pushTargets: targets }))).rejects.toBeInstanceOf(PermanentSendError);
    expect((await pushTargetsOf(t.db, [carla.user.id])).get(carla.user.id)).toBeUndefined();
    await expect(channel.send(outgoing({ pushTargets: [] }))).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('delivers every message type, each decrypted by the browser with its title and link', async () => {
    const browser = service.browser();
    const channel = pushChannel({ vapid: undefined, vapidSubject: undefined }, t.db, {
      agent: service.agent,
    });
    const target = { id: 'b', endpoint: browser.endpoint, keys: browser.keys };
    for (const type of notificationTypes)
      await channel.send(
        outgoing({
          type,
          title: `Title of ${type}`,
          link: `https://k.example/${type}`,
          pushTargets: [target],
        }),
      );
    const got = service.received
      .filter((r) => browser.endpoint.endsWith(r.path))
      .map((r) => JSON.parse(r.payload));
    expect(got.map((p) => [p.type, p.title, p.link])).toEqual(
      notificationTypes.map((type) => [type, `Title of ${type}`, `https://k.example/${type}`]),
    );
  });

  it('signs with the configured VAPID keys when KALENDARYO_VAPID_* are set', async () => {
    const configured = webpush.generateVAPIDKeys();
    const browser = service.browser();
    const channel = pushChannel({ vapid: configured, vapidSubject: 'https://oobc.example/contact' }, t.db, {
      agent: service.agent,
    });
    await channel.send(
      outgoing({ pushTargets: [{ id: 'x', endpoint: browser.endpoint, keys: browser.keys }] }),
    );
    const got = service.received.find((r) => browser.endpoint.endsWith(r.path))!;
    expect(got.vapid).toMatchObject({ valid: true, publicKey: configured.publicKey });
    expect(JSON.parse(got.payload).title).toBe('Staff meeting in 15 minutes');
  });
});

function randomP256(): string {
  return Buffer.from(webpush.generateVAPIDKeys().publicKey, 'base64url').toString('base64url');
}
