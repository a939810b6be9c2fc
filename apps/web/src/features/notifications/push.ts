import type { PushSubscriptionBody } from '@kalendaryo/contract';
import { subscribePush, unsubscribePush, vapidKey } from './notifications-api';

/** Where this browser stands with push messages from Kalendaryo. */
export type PushState = 'unsupported' | 'blocked' | 'off' | 'on';

export const SERVICE_WORKER_URL = '/sw.js';
/** Where this browser keeps the id the server gave its subscription, to end it later. */
const SUBSCRIPTION_ID = 'kalendaryo.push-subscription';

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
  const { id } = await subscribePush(subscription.toJSON() as PushSubscriptionBody);
  localStorage.setItem(SUBSCRIPTION_ID, id);
  return 'on';
}

/**
 * Ends this browser's subscription: the browser forgets it and the server removes it (a
 * subscription whose id this browser did not keep is removed by the server at its next send,
 * when the push service answers that it is gone).
 */
export async function disablePush(): Promise<PushState> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
  const id = localStorage.getItem(SUBSCRIPTION_ID);
  if (id) {
    await unsubscribePush(id);
    localStorage.removeItem(SUBSCRIPTION_ID);
  }
  return 'off';
}
