import { describe, expect, it } from 'vitest';
import { segmentsOf, smsLength, smsText } from './sms.text';

const link = 'https://kalendaryo.example/calendar?item=5f1c';

describe('smsText', () => {
  it('keeps a short message whole, in one GSM-7 segment', () => {
    const { text, encoding } = smsText(
      'Van 1 approved for Tue 8 Dec, 09:00',
      'Pick up the keys at the desk.',
      link,
    );
    expect(text).toBe(`Van 1 approved for Tue 8 Dec, 09:00\nPick up the keys at the desk.\n${link}`);
    expect(encoding).toBe('GSM-7');
    expect(segmentsOf(text)).toEqual({ encoding: 'GSM-7', segments: 1 });
  });

  it('turns typographic punctuation into GSM-7 instead of falling back to UCS-2', () => {
    const { text, encoding } = smsText('Today’s “budget” review – 09:00…', '', link);
    expect(encoding).toBe('GSM-7');
    expect(text.startsWith('Today\'s "budget" review - 09:00...')).toBe(true);
  });

  it('cuts a long GSM-7 message to two segments (306 septets) with an ellipsis, keeping the link', () => {
    const body = 'The quarterly planning workshop moves to the training hall. '.repeat(10);
    const { text, encoding } = smsText('Changed: Planning workshop', body, link);
    expect(encoding).toBe('GSM-7');
    expect(smsLength(text, 'GSM-7')).toBeLessThanOrEqual(306);
    expect(segmentsOf(text).segments).toBe(2);
    expect(text.endsWith(`...\n${link}`)).toBe(true);
    expect(text.startsWith('Changed: Planning workshop\nThe quarterly planning')).toBe(true);
  });

  it('counts extension characters ({ } [ ] ~ € …) as two septets', () => {
    expect(smsLength('[ok]', 'GSM-7')).toBe(6);
    const { text } = smsText('€'.repeat(200), '', link);
    expect(smsLength(text, 'GSM-7')).toBeLessThanOrEqual(306);
  });

  it('uses UCS-2 for text GSM-7 cannot carry, cut to 134 units without splitting a character', () => {
    const body = 'Pulong sa opisina 会议 📅 '.repeat(20);
    const { text, encoding } = smsText('Paalala 📅', body, link);
    expect(encoding).toBe('UCS-2');
    expect(text.length).toBeLessThanOrEqual(134);
    expect(segmentsOf(text)).toEqual({ encoding: 'UCS-2', segments: 2 });
    expect(text.endsWith(`…\n${link}`)).toBe(true);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
