import { describe, expect, it } from 'vitest';
import { phoneProblem } from './preferences-page';
import { keyBytes } from './push';
import { customMinutesProblem } from './reminders-field';

describe('checks of the notification screens', () => {
  it('accepts phone numbers in E.164 and says what is wrong with others', () => {
    expect(phoneProblem('')).toBeUndefined();
    expect(phoneProblem('+639171234567')).toBeUndefined();
    expect(phoneProblem('09171234567')).toBe('Start with + and the country code, e.g. +639171234567.');
    expect(phoneProblem('+0917')).toMatch(/^A phone number in international form/);
    expect(phoneProblem('+63 917 123 4567')).toMatch(/^A phone number in international form/);
  });

  it('takes custom reminder minutes within the limits', () => {
    expect(customMinutesProblem('90', [15])).toBeNull();
    expect(customMinutesProblem('0', [])).toBeNull();
    expect(customMinutesProblem('', [])).toBe('Give a whole number of minutes, 0 or more.');
    expect(customMinutesProblem('1.5', [])).toBe('Give a whole number of minutes, 0 or more.');
    expect(customMinutesProblem('40321', [])).toBe('At most 40320 minutes (four weeks) before.');
    expect(customMinutesProblem('45', [1, 2, 3, 4, 5])).toBe('At most 5 reminders.');
    expect(customMinutesProblem('5', [1, 2, 3, 4, 5])).toBeNull();
  });

  it('reads the VAPID key as base64url without padding', () => {
    expect([...keyBytes('BAECAw')]).toEqual([4, 1, 2, 3]);
    expect([...keyBytes('-_8')]).toEqual([251, 255]);
  });
});
