import type { Participant } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import { reportDownloadUrl, rsvpFor } from './attendance-api';

const p = (rsvps: Participant['rsvps']): Participant => ({
  id: 'p',
  itemId: 'i',
  userId: 'u',
  name: 'Norhana Ali',
  email: null,
  organisation: null,
  phone: null,
  guest: false,
  walkIn: false,
  needs: {},
  rsvps,
  createdAt: '2026-11-26T00:00:00Z',
});

describe('rsvpFor', () => {
  it('takes the occurrence’s own answer over the answer for all occurrences', () => {
    const x = p([
      { occurrence: '', status: 'going', respondedAt: '' },
      { occurrence: '2026-12-01T09:00:00', status: 'declined', respondedAt: '' },
    ]);
    expect(rsvpFor(x, '2026-12-01T09:00:00')).toBe('declined');
    expect(rsvpFor(x, '2026-12-08T09:00:00')).toBe('going');
    expect(rsvpFor(x, null)).toBe('going');
    expect(rsvpFor(p([]), null)).toBeNull();
  });
});

describe('reportDownloadUrl', () => {
  it('asks for the format and, for a series, the occurrence', () => {
    expect(reportDownloadUrl('i', null, 'csv')).toBe('/api/v1/items/i/attendance?format=csv');
    expect(reportDownloadUrl('i', '2026-12-01T09:00:00', 'xlsx')).toBe(
      '/api/v1/items/i/attendance?format=xlsx&occurrence=2026-12-01T09%3A00%3A00',
    );
  });
});
