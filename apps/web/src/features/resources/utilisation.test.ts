import { describe, expect, it } from 'vitest';
import {
  datesFrom,
  heatLevel,
  heatmapFromParams,
  heatRows,
  paramsFromHeatmap,
  percentText,
} from './utilisation';

describe('heat levels and text', () => {
  it('steps by quarters, 0 only when nothing is booked', () => {
    expect([0, 0.01, 0.25, 0.26, 0.5, 0.75, 0.76, 1].map(heatLevel)).toEqual([0, 1, 1, 2, 2, 3, 4, 4]);
    expect(heatLevel(null)).toBe(0);
  });

  it('writes the value out, never rounding a little booking to 0%', () => {
    expect(percentText(0)).toBe('0%');
    expect(percentText(0.004)).toBe('<1%');
    expect(percentText(0.456)).toBe('46%');
    expect(percentText(null)).toBe('No data');
  });
});

describe('heatRows', () => {
  it('fills one cell per date, averaging the days reported', () => {
    const dates = datesFrom('2030-03-04', 3);
    expect(dates).toEqual(['2030-03-04', '2030-03-05', '2030-03-06']);
    const [row] = heatRows(
      [
        {
          resource: { id: 'r1', name: 'Van 1', type: 'vehicle' },
          days: [
            { date: '2030-03-04', booked: 0.5, pending: 0.25 },
            { date: '2030-03-06', booked: 1, pending: 0 },
          ],
        },
      ],
      dates,
    );
    expect(row?.cells.map((c) => [c.text, c.level])).toEqual([
      ['50%', 2],
      ['No data', 0],
      ['100%', 4],
    ]);
    expect(row?.average).toBe(0.75);
    expect(row?.cells.map((c) => c.pendingText)).toEqual(['+25%', '', '']);
  });
});

describe('heatmap state', () => {
  it('starts on this Monday by default', () => {
    expect(heatmapFromParams(new URLSearchParams(), '2030-03-06')).toEqual({ from: '2030-03-04', type: '' });
    expect(paramsFromHeatmap({ from: '2030-03-18', type: 'room' }, '2030-03-06').toString()).toBe(
      'from=2030-03-18&type=room',
    );
  });
});
