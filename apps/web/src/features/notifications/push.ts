import type { PushSubscriptionBody } from '@kalendaryo/contract';
import { subscribePush, vapidKey } from './notifications-api';

/** Where this browser stands with push messages from Kalendaryo. */
export type PushState = 'unsupported' | 'blocked' | 'off' | 'on';

export const SERVICE_WORKER_URL = '/sw.js';

const supported = (): boolean =>
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator &&
  typeof window !== 'undefined' &&
  'PushManager' in window &&
  'Notification' in window;

/** Whether this browser can receive push messages, has refused them, or already receives them. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  return subscription && Notification.permission === 'granted' ? 'on' : 'off';
}

/** The VAPID public key (base64url, RFC 8292) as the bytes `pushManager.subscribe` takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Asks the person's permission (the browser's own prompt, so only from a click), subscribes this
 * browser with the server's VAPID key and hands the subscription to the server.
 */
export async function enablePush(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return 'blocked';
  if (permission !== 'granted') return 'off';
  const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });
  const ready = await navigator.serviceWorker.ready;
  const { publicKey } = await vapidKey();
  const subscription =
    (await (ready ?? registration).pushManager.getSubscription()) ??
    (await (ready ?? registration).pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    }));
  await subscribePush(subscription.toJSON() as PushSubscriptionBody);
  return 'on';
}
