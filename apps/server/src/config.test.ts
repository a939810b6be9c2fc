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
});
