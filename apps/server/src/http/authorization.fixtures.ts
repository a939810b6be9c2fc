import { people, type Who } from '../test/factories';
import { type Method, request, type TestApp } from '../test/server';

/**
 * The people and objects of the authorization matrix by object (`authorization.objects.test.ts`),
 * not a test file itself. Callers of every role stand in one relation to each object:
 * - `own`: they organise it, on their personal calendar (their own booking, their own calendar);
 * - `other`: someone else's, on that person's personal calendar, not shared with them;
 * - `view`, `edit`, `manage`: someone else's, on a shared calendar they were given that permission on;
 * - `invited`: someone else's, on that person's personal calendar, with the caller invited to it.
 */
export const ROLES = ['admin', 'coordinator', 'staff', 'viewer'] as const;
export type Caller = (typeof ROLES)[number];
export const RELATIONS = ['own', 'other', 'view', 'edit', 'manage', 'invited'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The kinds of object a route acts on. */
export type Need =
  | 'event'
  | 'deleted'
  | 'series'
  | 'task'
  | 'leave'
  | 'approved'
  | 'guest'
  | 'booking'
  | 'started'
  | 'out'
  | 'calendar';

/** One object of a kind, with what routes besides its id need (its item, an occurrence). */
export interface Obj {
  id: string;
  /** The item a participant belongs to. */
  itemId?: string;
  /** A recurrence id of a series (its second occurrence, in local time). */
  occurrence?: string;
}

/** Where objects of a relation live and who organises them. */
interface Place {
  organiser: Who;
  /** Undefined: the organiser's personal calendar. */
  calendarId?: string;
  /** Invited to the events and series (the `invited` relation). */
  invitees: Who[];
}

const ok = async (res: Awaited<ReturnType<typeof request>>, what: string) => {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string } & Record<string, unknown>;
};

/** Builds the people, calendars and objects once per file, and fresh objects when a call uses one up. */
export async function buildMatrixWorld(t: TestApp) {
  const [admin, coordinator, staff, viewer, ana, cora, ben] = await people(t, [
    'admin',
    'coordinator',
    'staff',
    'viewer',
    'staff', // Ana organises everything that is not the caller's own
    'coordinator', // Cora owns the shared calendars and the van, and approves bookings
    'staff', // Ben is shared with and unshared by the member routes
  ]);
  const callers: Record<Caller, Who> = { admin, coordinator, staff, viewer };
  const req = (who: Who, method: Method, url: string, body?: unknown) => request(t, who, method, url, body);
  const personal = async (who: Who) => {
    const cals = (await req(who, 'GET', '/api/v1/calendars')).json().items as { id: string; kind: string }[];
    return cals.find((c) => c.kind === 'personal')!.id;
  };

  /** A shared calendar of Cora's, shared with every caller at `permission` (and with Ana to edit). */
  const sharedCalendar = async (permission: 'view' | 'edit' | 'manage', only?: Who) => {
    const cal = await ok(
      await req(cora, 'POST', '/api/v1/calendars', { name: `Team ${permission}` }),
      'calendar',
    );
    for (const who of only ? [only] : [...Object.values(callers), ana]) {
      const perm = who === ana ? 'edit' : permission;
      await ok(
        await req(cora, 'PUT', `/api/v1/calendars/${cal.id}/members/${who.user.id}`, { permission: perm }),
        'share',
      );
    }
    return cal.id;
  };
  const team = {
    view: await sharedCalendar('view'),
    edit: await sharedCalendar('edit'),
    manage: await sharedCalendar('manage'),
  };
  const anaPersonal = await personal(ana);
  const van = await ok(await req(cora, 'POST', '/api/v1/resources', { name: 'Van', type: 'vehicle' }), 'van');

  let n = 0;
  /** A day of its own (leave of one person never overlaps) and an hour of its own (bookings). */
  const next = () => {
    n += 1;
    return n;
  };
  const day = (k: number, plus = 0) =>
    new Date(Date.UTC(2030, 0, 7 + k * 2 + plus)).toISOString().slice(0, 10);

  const item = async (p: Place, body: Record<string, unknown>) => {
    const created = await ok(
      await req(p.organiser, 'POST', '/api/v1/items', {
        timeZone: 'Asia/Manila',
        ...(p.calendarId ? { calendarId: p.calendarId } : {}),
        ...body,
      }),
      `item ${String(body.kind)}`,
    );
    for (const who of p.invitees)
      await ok(
        await req(p.organiser, 'POST', `/api/v1/items/${created.id}/participants`, { userId: who.user.id }),
        'invite',
      );
    return created.id;
  };
  const event = (p: Place) =>
    item(p, {
      kind: 'event',
      title: 'Planning',
      start: '2030-03-04T01:00:00Z',
      end: '2030-03-04T02:00:00Z',
    });
  /**
   * A booking of `who`: pending, or (`started`) approved and begun an hour ago on a car of its
   * own, or (`out`) that and checked out.
   */
  const booking = async (who: Who, state: 'pending' | 'started' | 'out') => {
    const started = state !== 'pending';
    const k = next();
    const resourceId = started
      ? (await ok(await req(cora, 'POST', '/api/v1/resources', { name: `Car ${k}`, type: 'vehicle' }), 'car'))
          .id
      : van.id;
    const start = Date.UTC(
      new Date().getUTCFullYear(),
      new Date().getUTCMonth(),
      new Date().getUTCDate() + 3,
    );
    const b = await ok(
      await req(who, 'POST', '/api/v1/bookings', {
        resourceId,
        purpose: 'Field visit',
        start: new Date(start + k * 3_600_000).toISOString(),
        end: new Date(start + (k + 1) * 3_600_000 - 60_000).toISOString(),
      }),
      'booking',
    );
    if (!started) return b.id;
    await ok(await req(cora, 'POST', `/api/v1/bookings/${b.id}/approve`, {}), 'approve');
    // The clock cannot be moved for the API, so the booking is moved to now instead.
    await t.db.query(
      `update bookings set start_at = now() - interval '1 hour', end_at = now() + interval '1 hour'
        where id = $1`,
      [b.id],
    );
    if (state === 'out')
      await ok(await req(who, 'POST', `/api/v1/bookings/${b.id}/check-out`, {}), 'check-out');
    return b.id;
  };

  const makers: Record<Need, (p: Place, rel: Relation, caller: Who) => Promise<Obj>> = {
    event: async (p) => ({ id: await event(p) }),
    deleted: async (p) => {
      const id = await event(p);
      const res = await req(p.organiser, 'DELETE', `/api/v1/items/${id}`);
      if (res.statusCode !== 204) throw new Error(`delete: ${res.statusCode} ${res.body}`);
      return { id };
    },
    series: async (p) => ({
      id: await item(p, {
        kind: 'event',
        title: 'Weekly sync',
        start: '2030-03-04T01:00:00Z',
        end: '2030-03-04T02:00:00Z',
        rrule: 'FREQ=WEEKLY;COUNT=10',
      }),
      occurrence: '2030-03-11T09:00:00',
    }),
    task: async (p) => ({
      id: await item(
        { ...p, invitees: [] },
        {
          kind: 'task',
          title: 'Write the report',
          start: '2030-03-05T01:00:00Z',
          end: '2030-03-05T02:00:00Z',
        },
      ),
    }),
    leave: async (p) => {
      const k = next();
      return {
        id: await item(
          { ...p, invitees: [] },
          {
            kind: 'leave',
            title: 'Family matter',
            start: day(k),
            end: day(k, 1),
            details: { leaveType: 'sick' },
          },
        ),
      };
    },
    approved: async (p, rel, caller) => {
      const leave = await makers.leave(p, rel, caller);
      await ok(await req(cora, 'POST', `/api/v1/items/${leave.id}/leave/approve`, {}), 'approve leave');
      return leave;
    },
    guest: async (p) => {
      const itemId = await event(p);
      const g = await ok(
        await req(p.organiser, 'POST', `/api/v1/items/${itemId}/participants`, { guest: { name: 'Guest' } }),
        'guest',
      );
      return { id: g.id, itemId };
    },
    booking: async (p) => ({ id: await booking(p.organiser, 'pending') }),
    started: async (p) => ({ id: await booking(p.organiser, 'started') }),
    out: async (p) => ({ id: await booking(p.organiser, 'out') }),
    calendar: async (_p, rel, caller) => {
      if (rel === 'own') return { id: await personal(caller) };
      if (rel === 'other' || rel === 'invited') return { id: anaPersonal };
      return { id: await sharedCalendar(rel, caller) };
    },
  };

  const placeOf = (rel: Relation, caller: Who): Place =>
    rel === 'own'
      ? { organiser: caller, invitees: [] }
      : rel === 'invited'
        ? { organiser: ana, invitees: Object.values(callers) }
        : rel === 'other'
          ? { organiser: ana, invitees: [] }
          : { organiser: ana, calendarId: team[rel], invitees: [] };

  // The objects every call that leaves them as they were shares: one per relation (and per caller
  // for their own), made when first asked for.
  const shared = new Map<string, Promise<Obj>>();
  /** The object of kind `need` in `rel` to `caller`; `fresh` makes a new one (the call uses it up). */
  const object = (need: Need, rel: Relation, callerRole: Caller, fresh = false): Promise<Obj> => {
    const caller = callers[callerRole];
    const make = () => makers[need](placeOf(rel, caller), rel, caller);
    if (fresh) return make();
    // The personal calendar of each caller is their own; shared calendars are fresh per caller below.
    const key = `${need} ${rel} ${rel === 'own' || need === 'calendar' ? callerRole : ''}`;
    if (!shared.has(key)) shared.set(key, make());
    return shared.get(key)!;
  };
  return { callers, ben, van: van.id, object };
}
