import type { AttendanceState, CheckInPreview } from '@kalendaryo/contract';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aSession } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const token = 'eyJ2IjoxfQ.c2lnbmF0dXJlLW9mLXRoZS1jb2Rl';
const itemId = '00000000-0000-4000-8000-0000000000e1';
const covenant: CheckInPreview = {
  itemId,
  occurrence: '',
  title: 'Peace covenant signing',
  start: '2030-03-04T01:00:00.000Z',
  end: '2030-03-04T03:00:00.000Z',
  cancelled: false,
};
const checkedIn: AttendanceState = {
  participantId: '00000000-0000-4000-8000-0000000000f1',
  itemId,
  occurrence: '',
  status: 'checked_in',
  method: 'qr_code',
  checkedInAt: '2030-03-04T01:05:00.000Z',
  checkedOutAt: null,
  walkIn: false,
};

afterEach(() => vi.unstubAllGlobals());

describe('the check-in link', () => {
  it('shows the event and its time, and checks in only when “Check me in” is pressed', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession()),
      'POST /attendance/check-in/preview': () => reply(covenant),
      'POST /attendance/check-in': () => reply(checkedIn),
    });
    const { user } = renderApp(`/check-in?token=${token}`);

    const button = await screen.findByRole('button', { name: 'Check me in' }, { timeout: 5000 });
    expect(screen.getByText('Peace covenant signing')).toBeTruthy();
    // 09:00–11:00 in Manila, the office's zone.
    expect(screen.getByText(/Mar 4, 2030, 9:00 AM – .*11:00 AM/)).toBeTruthy();
    expect(api.to('POST', '/attendance/check-in/preview').map((r) => r.body)).toEqual([{ token }]);
    expect(api.to('POST', '/attendance/check-in')).toEqual([]);

    await user.click(button);
    expect(await screen.findByText(/You are checked in/)).toBeTruthy();
    expect(api.to('POST', '/attendance/check-in').map((r) => r.body)).toEqual([{ token, method: 'qr_code' }]);
    expect(api.unanswered).toEqual([]);
  });

  it('offers no check-in for a cancelled event, and says why a code cannot be used', async () => {
    stubApi({
      'GET /auth/me': () => reply(aSession()),
      'POST /attendance/check-in/preview': () => reply({ ...covenant, cancelled: true }),
    });
    renderApp(`/check-in?token=${token}`);
    const button = await screen.findByRole('button', { name: 'Check me in' }, { timeout: 5000 });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('cancelled');
  });

  it('says when the code was altered, without a button', async () => {
    const api = stubApi({
      'GET /auth/me': () => reply(aSession()),
      'POST /attendance/check-in/preview': () => problem('attendance.invalid_code'),
    });
    renderApp(`/check-in?token=${token}`);
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain(
      'This check-in code cannot be used.',
    );
    expect(screen.queryByRole('button', { name: 'Check me in' })).toBeNull();
    expect(api.to('POST', '/attendance/check-in')).toEqual([]);
  });
});
