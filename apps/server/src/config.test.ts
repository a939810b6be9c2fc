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
});
