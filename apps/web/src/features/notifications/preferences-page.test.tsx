import type { Preferences, PreferencesPatch } from '@kalendaryo/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problem, reply, stubApi } from '../../test/api-stub';
import { aSession, somePreferences } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function stubPreferences(answer?: (patch: PreferencesPatch) => ReturnType<typeof reply> | undefined) {
  let stored = somePreferences();
  return stubApi({
    'GET /auth/me': () => reply(aSession()),
    'GET /preferences': () => reply<Preferences>(stored),
    'PATCH /preferences': (req) => {
      const patch = req.body as PreferencesPatch;
      const refused = answer?.(patch);
      if (refused) return refused;
      stored = { ...stored, ...(patch as Partial<Preferences>) };
      return reply<Preferences>(stored);
    },
    'GET /push/vapid-key': () => reply({ publicKey: 'BAECAw' }),
    'POST /push/subscriptions': () => reply({ id: '00000000-0000-4000-8000-0000000000f1' }, 201),
    'DELETE /push/subscriptions/:id': () => ({ status: 204 }),
  });
}

const restore: (() => void)[] = [];
afterEach(() => {
  for (const r of restore.splice(0)) r();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('notification preferences', () => {
  it('sets channels, default reminders, quiet hours, digest and phone, and saves them', async () => {
    const api = stubPreferences();
    const { user } = renderApp('/settings/notifications');
    const grid = await screen.findByRole(
      'table',
      { name: 'Where each kind of message reaches you' },
      { timeout: 5000 },
    );
    const inApp = within(grid).getByRole('checkbox', { name: 'Invitations by in the app' });
    expect(inApp).toHaveProperty('checked', true);
    expect(inApp).toHaveProperty('disabled', true);
    expect(within(grid).getByRole('checkbox', { name: 'Invitations by email' })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(within(grid).getByRole('checkbox', { name: 'Reminders by sms' }));
    await user.click(within(grid).getByRole('checkbox', { name: 'Invitations by email' }));

    const reminders = screen.getByRole('group', { name: 'Default reminders' });
    await user.click(within(reminders).getByRole('checkbox', { name: '15 minutes before' }));
    await user.click(within(reminders).getByRole('checkbox', { name: '1 day before' }));
    await user.click(within(reminders).getByRole('checkbox', { name: '1 week before' }));
    await user.type(within(reminders).getByLabelText('Other time (minutes before)'), '90');
    await user.click(within(reminders).getByRole('button', { name: 'Add reminder' }));
    expect(within(reminders).getByRole('checkbox', { name: '1 hour 30 minutes before' })).toHaveProperty(
      'checked',
      true,
    );

    await user.click(screen.getByRole('checkbox', { name: 'Hold messages during quiet hours' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '21:00' } });
    await user.click(screen.getByRole('checkbox', { name: 'Reminders still arrive during quiet hours' }));
    await user.click(screen.getByRole('checkbox', { name: /Send me a daily digest/ }));
    fireEvent.change(screen.getByLabelText('Digest time'), { target: { value: '06:30' } });
    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));

    // The phone number is checked as it is typed, once the field was left.
    const phone = screen.getByLabelText('Mobile number');
    await user.type(phone, '09171234567');
    await user.tab();
    expect(screen.getByText('Start with + and the country code, e.g. +639171234567.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(document.activeElement).toBe(phone);
    expect(api.to('PATCH', '/preferences')).toEqual([]);
    await user.clear(phone);
    await user.type(phone, '+639171234567');
    expect(screen.queryByText(/Start with \+/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Your preferences are saved.')).toBeTruthy();
    const [sent] = api.to('PATCH', '/preferences').map((r) => r.body as PreferencesPatch);
    expect(sent?.channels?.reminder).toEqual(['in_app', 'email', 'sms']);
    expect(sent?.channels?.['item.invited']).toEqual(['in_app']);
    expect(sent?.defaultReminders).toEqual([90, 1440, 10080]);
    expect(sent?.quietHours).toEqual({ enabled: true, start: '21:00', end: '07:00', remindersExempt: false });
    expect(sent?.workingHours).toEqual({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:00' });
    expect(sent?.digest).toEqual({ enabled: true, time: '06:30' });
    expect(sent?.phone).toBe('+639171234567');
  });

  it('shows the server’s refusal beside the field and moves there', async () => {
    stubPreferences(() =>
      problem('request.invalid', 'The request is not valid.', {
        errors: [
          { field: 'phone', message: 'This number cannot receive SMS.' },
          { field: 'workingHours.days.0', message: 'Too small: expected number to be >=1' },
          { field: 'digest', message: 'Unrecognized key: "weekly"' },
        ],
      }),
    );
    const { user } = renderApp('/settings/notifications');
    const phone = await screen.findByLabelText('Mobile number', {}, { timeout: 5000 });
    await user.type(phone, '+15005550001');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('This number cannot receive SMS.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Some preferences need attention: see the marked fields. digest: Unrecognized key: "weekly"',
    );
    expect(screen.getByText('Too small: expected number to be >=1')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(phone));
    expect(phone.getAttribute('aria-invalid')).toBe('true');
  });

  it('says when the browser cannot show notifications', async () => {
    stubPreferences();
    renderApp('/settings/notifications');
    expect(
      await screen.findByText(
        'This browser cannot show notifications from Kalendaryo.',
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enable browser notifications' })).toBeNull();
  });

  it('turns on browser notifications: asks permission, subscribes with the server’s key and registers the subscription', async () => {
    const subscription = {
      endpoint: 'https://push.example.net/send/abc',
      keys: { p256dh: 'BNcR-key', auth: 'tBHI-auth' },
    };
    let subscribed: unknown = null;
    const unsubscribe = vi.fn(async () => {
      subscribed = null;
      return true;
    });
    const pushManager = {
      getSubscription: async () => (subscribed ? { toJSON: () => subscription, unsubscribe } : null),
      subscribe: async (options: unknown) => {
        subscribed = options;
        return { toJSON: () => subscription, unsubscribe };
      },
    };
    const registration = { pushManager };
    const register = vi.fn(async () => registration);
    Object.defineProperty(navigator, 'serviceWorker', {
      configurable: true,
      value: {
        register,
        ready: Promise.resolve(registration),
        getRegistration: async () => (register.mock.calls.length > 0 ? registration : undefined),
      },
    });
    restore.push(() => Reflect.deleteProperty(navigator, 'serviceWorker'));
    vi.stubGlobal('PushManager', class {});
    const permission = { value: 'default' as NotificationPermission };
    vi.stubGlobal('Notification', {
      get permission() {
        return permission.value;
      },
      requestPermission: async () => {
        permission.value = 'granted';
        return permission.value;
      },
    });
    const api = stubPreferences();
    const { user } = renderApp('/settings/notifications');
    expect(
      await screen.findByText('Browser notifications are off for this browser.', {}, { timeout: 5000 }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Enable browser notifications' }));
    expect(await screen.findByText('Browser notifications are on for this browser.')).toBeTruthy();
    expect(register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    expect(subscribed).toEqual({ userVisibleOnly: true, applicationServerKey: new Uint8Array([4, 1, 2, 3]) });
    expect(api.to('POST', '/push/subscriptions').map((r) => r.body)).toEqual([subscription]);
    expect(screen.queryByRole('button', { name: 'Enable browser notifications' })).toBeNull();

    // And off again: the browser forgets the subscription and the server removes it.
    await user.click(screen.getByRole('button', { name: 'Turn off for this browser' }));
    expect(await screen.findByText('Browser notifications are off for this browser.')).toBeTruthy();
    expect(unsubscribe).toHaveBeenCalled();
    expect(api.to('DELETE', '/push/subscriptions/00000000-0000-4000-8000-0000000000f1')).toHaveLength(1);
  });
});
