import type { Who } from '../../test/factories';
import { type RequestArgs, request, type TestApp } from '../../test/server';

export { actorOf, type Who } from '../../test/factories';

/** Test helpers of the attendance tests (not a test file itself). */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** An ISO instant `ms` from now, on a whole minute: items are placed around the real clock. */
export const fromNow = (ms: number) => new Date(Math.floor((Date.now() + ms) / MIN) * MIN).toISOString();
/** The local (UTC) wall time of an instant: the recurrence id of a UTC series' occurrence. */
export const utcLocal = (iso: string) => iso.slice(0, 19);

export function client(t: TestApp) {
  const req = (...args: RequestArgs) => request(t, ...args);
  /** Creates an event in UTC as `who`, by default from 30 minutes ago to 30 minutes ahead. */
  const item = async (who: Who, extra: Record<string, unknown> = {}) => {
    const res = await req(who, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Community dialogue',
      start: fromNow(-30 * MIN),
      end: fromNow(30 * MIN),
      timeZone: 'UTC',
      ...extra,
    });
    if (res.statusCode !== 201) throw new Error(`item: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; dtstart: string };
  };
  const invite = async (who: Who, itemId: string, body: Record<string, unknown>) => {
    const res = await req(who, 'POST', `/api/v1/items/${itemId}/participants`, body);
    if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const eventCode = async (who: Who, itemId: string, occurrence?: string) => {
    const q = occurrence ? `?occurrence=${encodeURIComponent(occurrence)}` : '';
    const res = await req(who, 'GET', `/api/v1/items/${itemId}/check-in-code${q}`);
    if (res.statusCode !== 200) throw new Error(`code: ${res.statusCode} ${res.body}`);
    return res.json() as { token: string; url: string; expiresAt: string; notBefore: string; qrSvg: string };
  };
  const scan = (who: Who, action: 'check-in' | 'check-out', body: Record<string, unknown>) =>
    req(who, 'POST', `/api/v1/attendance/${action}`, body);
  return { req, item, invite, eventCode, scan };
}
