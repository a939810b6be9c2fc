import { describe, expect, it, vi } from 'vitest';
import source from '../../../public/sw.js?raw';

type Handler = (event: Record<string, unknown>) => void;

/** Runs the service worker's script against a stand-in of its global scope; returns its handlers and what it called. */
function load(windows: { url: string }[] = []) {
  const handlers = new Map<string, Handler>();
  const waits: Promise<unknown>[] = [];
  const shown: [string, Record<string, unknown>][] = [];
  const opened: string[] = [];
  const navigated: string[] = [];
  const clients = windows.map((w) => ({
    url: w.url,
    focus: vi.fn(async () => undefined),
    navigate: vi.fn(async (href: string) => navigated.push(href)),
  }));
  const self = {
    location: new URL('https://kalendaryo.oobc.gov.ph/sw.js'),
    addEventListener: (type: string, h: Handler) => handlers.set(type, h),
    skipWaiting: () => undefined,
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) =>
        shown.push([title, options]),
    },
    clients: {
      claim: async () => undefined,
      matchAll: async () => clients,
      openWindow: async (href: string) => opened.push(href),
    },
  };
  new Function('self', source)(self);
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    handlers.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  };
  return { dispatch, shown, opened, navigated, clients };
}

const payload = {
  id: '00000000-0000-4000-8000-0000000000e1',
  type: 'booking.approved',
  title: 'Van 1 approved for Tue 8 Dec, 09:00',
  body: 'Datu Piang approved your booking.',
  link: 'https://kalendaryo.oobc.gov.ph/bookings?booking=b1',
};

describe('the service worker', () => {
  it('shows a pushed message with its title and body, once per notification', async () => {
    const sw = load();
    await sw.dispatch('push', { data: { json: () => payload, text: () => JSON.stringify(payload) } });
    expect(sw.shown).toEqual([
      [
        payload.title,
        expect.objectContaining({ body: payload.body, tag: payload.id, data: { link: payload.link } }),
      ],
    ]);
  });

  it('shows a message that is not JSON as its text', async () => {
    const sw = load();
    const data = {
      json: () => {
        throw new SyntaxError('not JSON');
      },
      text: () => 'Something happened',
    };
    await sw.dispatch('push', { data });
    expect(sw.shown[0]).toEqual(['Kalendaryo', expect.objectContaining({ body: 'Something happened' })]);
  });

  it('opens the link in a window of the app when there is one, else in a new one', async () => {
    const notification = { close: vi.fn(), data: { link: payload.link } };
    const open = load([{ url: 'https://kalendaryo.oobc.gov.ph/calendar' }]);
    await open.dispatch('notificationclick', { notification });
    expect(notification.close).toHaveBeenCalled();
    expect(open.clients[0]!.focus).toHaveBeenCalled();
    expect(open.navigated).toEqual([payload.link]);
    expect(open.opened).toEqual([]);

    const none = load();
    await none.dispatch('notificationclick', { notification });
    expect(none.opened).toEqual([payload.link]);
  });
});
