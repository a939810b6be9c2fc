import { describe, expect, it } from 'vitest';
import { keepListed, selectionState, summariseBulk, toggle, toggleAll } from './selection';

describe('selection', () => {
  it('toggles one, all and none', () => {
    const one = toggle(new Set(), 'a', true);
    expect([...one]).toEqual(['a']);
    expect([...toggle(one, 'a', false)]).toEqual([]);
    expect([...toggleAll(one, ['a', 'b'])]).toEqual(['a', 'b']);
    expect([...toggleAll(new Set(['a', 'b']), ['a', 'b'])]).toEqual([]);
    expect(selectionState(one, ['a', 'b'])).toBe('some');
    expect(selectionState(new Set(), ['a'])).toBe('none');
    expect(selectionState(new Set(['a']), ['a'])).toBe('all');
  });

  it('forgets decided bookings that left the queue', () => {
    expect([...keepListed(new Set(['a', 'b']), ['b', 'c'])]).toEqual(['b']);
  });
});

describe('summariseBulk', () => {
  it('says how many went through and how many did not', () => {
    expect(
      summariseBulk('approve', [
        { id: 'a', ok: true },
        { id: 'b', ok: true },
      ]),
    ).toEqual({
      tone: 'success',
      text: 'Approved 2 bookings.',
      failed: [],
    });
    const mixed = summariseBulk('reject', [
      { id: 'a', ok: true },
      { id: 'b', ok: false, error: { code: 'booking.invalid_transition', status: 409, detail: 'gone' } },
    ]);
    expect(mixed.text).toBe('Rejected 1 booking; 1 booking could not be rejected.');
    expect(mixed.tone).toBe('error');
    expect(summariseBulk('approve', [{ id: 'b', ok: false }]).text).toBe('1 booking could not be approved.');
  });
});
