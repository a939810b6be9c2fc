import type { Who } from '../../test/factories';
import { type RequestArgs, request, type TestApp } from '../../test/server';

export { actorOf, people, type Who } from '../../test/factories';

/** Test helpers of the resources and bookings tests (not a test file itself). */

const HOUR = 3_600_000;
/** Midnight UTC `days` from today: tests book relative to the real clock, never in the past. */
export const dayFromNow = (days: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime() + days * 24 * HOUR;
};
/** An ISO instant `hours` after midnight UTC `days` from today. */
export const at = (days: number, hours = 0) => new Date(dayFromNow(days) + hours * HOUR).toISOString();

export function client(t: TestApp) {
  const req = (...args: RequestArgs) => request(t, ...args);
  /** Creates a resource as `who` (a coordinator or admin) and returns its JSON. */
  const resource = async (who: Pick<Who, 'headers'>, body: Record<string, unknown> = {}) => {
    const res = await req(who, 'POST', '/api/v1/resources', { name: 'Van', type: 'vehicle', ...body });
    if (res.statusCode !== 201) throw new Error(`resource: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; version: number } & Record<string, unknown>;
  };
  /** Requests a booking and returns the raw response. */
  const book = (who: Pick<Who, 'headers'>, body: Record<string, unknown>) =>
    req(who, 'POST', '/api/v1/bookings', { purpose: 'Field visit', ...body });
  return { req, resource, book };
}

/** Pending or approved bookings of one resource that overlap: must always be none. */
export async function overlappingLivePairs(t: TestApp, resourceId: string): Promise<number> {
  const r = await t.db.query<{ n: number }>(
    `select count(*)::int as n from bookings a join bookings b on a.id < b.id
      where a.resource_id = $1 and b.resource_id = $1
        and a.status in ('pending', 'approved') and b.status in ('pending', 'approved')
        and tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')`,
    [resourceId],
  );
  return r.rows[0]!.n;
}
