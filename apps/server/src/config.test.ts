import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('reads the booking horizon, from 1 to 3650 days, 365 by default', () => {
    expect(loadConfig({}).bookingHorizonDays).toBe(365);
    expect(loadConfig({ KALENDARYO_BOOKING_HORIZON_DAYS: ' 90 ' }).bookingHorizonDays).toBe(90);
    for (const bad of ['soon', '0', '3651', '1.5'])
      expect(() => loadConfig({ KALENDARYO_BOOKING_HORIZON_DAYS: bad })).toThrow(
        `KALENDARYO_BOOKING_HORIZON_DAYS must be an integer from 1 to 3650, got "${bad}"`,
      );
  });

  it('trusts a proxy only when told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KALENDARYO_TRUST_PROXY: 'yes' }).trustProxy).toBe(false);
    expect(loadConfig({ KALENDARYO_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('takes the attendance key when given, and otherwise leaves it to the database', () => {
    expect(loadConfig({}).attendanceKey).toBeUndefined();
    expect(loadConfig({ KALENDARYO_ATTENDANCE_KEY: '   ' }).attendanceKey).toBeUndefined();
    expect(loadConfig({ KALENDARYO_ATTENDANCE_KEY: ' shared secret ' }).attendanceKey).toBe('shared secret');
  });

  it('makes links from KALENDARYO_PUBLIC_URL, or from the server’s own address', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ KALENDARYO_PUBLIC_URL: ' https://calendar.oobc.example/ ' }).publicUrl).toBe(
      'https://calendar.oobc.example',
    );
    for (const bad of ['calendar.oobc.example', 'ftp://calendar.oobc.example'])
      expect(() => loadConfig({ KALENDARYO_PUBLIC_URL: bad })).toThrow(
        /KALENDARYO_PUBLIC_URL must be an http/,
      );
  });

  it('runs the notification worker in serve unless told not to, with a 60 s claim by default', () => {
    expect(loadConfig({})).toMatchObject({ serveWorker: true, deliveryLeaseSeconds: 60 });
    expect(
      loadConfig({ KALENDARYO_SERVE_WORKER: 'false', KALENDARYO_DELIVERY_LEASE_SECONDS: '5' }),
    ).toMatchObject({ serveWorker: false, deliveryLeaseSeconds: 5 });
    expect(() => loadConfig({ KALENDARYO_DELIVERY_LEASE_SECONDS: '1' })).toThrow(/from 5 to 3600/);
  });

  it('reads the mail settings: SMTP_URL (smtp or smtps) and the sender', () => {
    expect(loadConfig({}).channels.mail).toBeUndefined();
    expect(
      loadConfig({ SMTP_URL: 'smtp://cal%40oobc.example:pw@mail.oobc.example:587' }).channels.mail,
    ).toEqual({
      url: 'smtp://cal%40oobc.example:pw@mail.oobc.example:587',
      from: 'Kalendaryo <cal@oobc.example>',
    });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.oobc.example' }).channels.mail?.from).toBe(
      'Kalendaryo <noreply@mail.oobc.example>',
    );
    expect(
      loadConfig({ SMTP_URL: 'smtp://mail.oobc.example', KALENDARYO_MAIL_FROM: 'OOBC <cal@oobc.example>' })
        .channels.mail?.from,
    ).toBe('OOBC <cal@oobc.example>');
    expect(() => loadConfig({ SMTP_URL: 'mail.oobc.example:25' })).toThrow(
      'SMTP_URL must start with smtp://',
    );
  });

  it('reads the SMS gateway: Semaphore by default, a webhook with its address', () => {
    expect(loadConfig({}).channels.sms).toBeUndefined();
    expect(loadConfig({ SMS_GATEWAY_TOKEN: 'key' }).channels.sms).toEqual({
      kind: 'semaphore',
      url: 'https://api.semaphore.co/api/v4/messages',
      token: 'key',
      senderName: undefined,
    });
    expect(
      loadConfig({
        SMS_GATEWAY_KIND: 'webhook',
        SMS_GATEWAY_URL: 'https://gw.example/send',
        SMS_GATEWAY_TOKEN: 't',
      }).channels.sms,
    ).toMatchObject({ kind: 'webhook', url: 'https://gw.example/send' });
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'ftp://gw.example', SMS_GATEWAY_TOKEN: 't' })).toThrow(
      'SMS_GATEWAY_URL must be an http:// or https:// address',
    );
  });

  it('takes both VAPID keys or neither, and a mailto: or https: subject', () => {
    expect(loadConfig({}).channels.vapid).toBeUndefined();
    expect(
      loadConfig({ KALENDARYO_VAPID_PUBLIC_KEY: 'pub', KALENDARYO_VAPID_PRIVATE_KEY: 'priv' }).channels.vapid,
    ).toEqual({ publicKey: 'pub', privateKey: 'priv' });
    expect(() => loadConfig({ KALENDARYO_VAPID_PUBLIC_KEY: 'pub' })).toThrow(
      'Set both KALENDARYO_VAPID_PUBLIC_KEY',
    );
    expect(() => loadConfig({ KALENDARYO_VAPID_SUBJECT: 'admin@oobc.example' })).toThrow(
      'mailto: or https://',
    );
    expect(loadConfig({}).channels.pushPrivateEndpoints).toBe(false);
    expect(loadConfig({ KALENDARYO_PUSH_PRIVATE_ENDPOINTS: 'true' }).channels.pushPrivateEndpoints).toBe(
      true,
    );
  });
});
