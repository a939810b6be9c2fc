/*
 * Kalendaryo's service worker: shows the messages the server pushes (Web Push, RFC 8030; the
 * browser decrypts them, RFC 8291) and opens a message's link when it is clicked. Plain script,
 * served as is from the site's root so that its scope is the whole app.
 */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The payload as the server's push channel sends it: JSON with title, body and link. */
function readPayload(event) {
  if (!event.data) return {};
  try {
    return event.data.json();
  } catch {
    return { body: event.data.text() };
  }
}

self.addEventListener('push', (event) => {
  const message = readPayload(event);
  const title = typeof message.title === 'string' && message.title ? message.title : 'Kalendaryo';
  const id = message.notificationId ?? message.id;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === 'string' ? message.body : '',
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      // The same message pushed twice replaces itself instead of showing twice.
      ...(id ? { tag: String(id) } : {}),
      data: { link: message.link ?? message.url ?? '/notifications' },
    }),
  );
});

/** A link of this site: an open window of the app goes there; otherwise a new one opens. */
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.link ?? '/notifications', self.location.origin);
  event.waitUntil(
    (async () => {
      if (target.origin === self.location.origin) {
        const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
        const open = windows.find((w) => new URL(w.url).origin === target.origin);
        if (open) {
          await open.focus();
          return open.navigate(target.href);
        }
      }
      return self.clients.openWindow(target.href);
    })(),
  );
});
