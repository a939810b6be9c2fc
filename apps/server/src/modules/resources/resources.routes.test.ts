import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { client, people, type Who } from '../bookings/bookings.fixtures';

let t: TestApp;
let api: ReturnType<typeof client>;
let admin: Who;
let coordinator: Who;
let staff: Who;
let viewer: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [admin, coordinator, staff, viewer] = await people(t, ['admin', 'coordinator', 'staff', 'viewer']);
});
afterAll(() => t.close());

describe('resources', () => {
  it('coordinators and admins create resources with rules; the answer carries them', async () => {
    const res = await api.req(coordinator, 'POST', '/api/v1/resources', {
      name: 'Toyota Hiace (SJD 123)',
      type: 'vehicle',
      location: 'Cotabato City motor pool',
      capacity: 14,
      description: 'White van',
      rules: { maxDaysAhead: 60, maxDurationMinutes: 720, approverIds: [staff.user.id], autoApprove: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      name: 'Toyota Hiace (SJD 123)',
      type: 'vehicle',
      location: 'Cotabato City motor pool',
      capacity: 14,
      status: 'available',
      userId: null,
      rules: { maxDaysAhead: 60, maxDurationMinutes: 720, approverIds: [staff.user.id], autoApprove: false },
      version: 1,
      canManage: true,
      canApprove: false,
    });
    expect(res.headers.location).toBe(`/api/v1/resources/${r.id}`);
    const bare = await api.req(admin, 'POST', '/api/v1/resources', { name: 'Projector', type: 'equipment' });
    expect(bare.json()).toMatchObject({
      rules: { maxDaysAhead: null, maxDurationMinutes: null, approverIds: [], autoApprove: false },
      canApprove: true,
    });
    const audit = await t.db.query<{ action: string }>('select action from audit_log where entity_id = $1', [
      r.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'resource.created' }]);
  });

  it('refuses managing to staff and viewers (403), while everyone signed in sees resources', async () => {
    const r = await api.resource(coordinator, { name: 'Room 2', type: 'room' });
    for (const who of [staff, viewer]) {
      const create = await api.req(who, 'POST', '/api/v1/resources', { name: 'Mine', type: 'room' });
      expect(create.statusCode).toBe(403);
      expect(create.json().code).toBe('auth.forbidden');
      expect((await api.req(who, 'PATCH', `/api/v1/resources/${r.id}`, { name: 'X' })).statusCode).toBe(403);
      expect((await api.req(who, 'POST', `/api/v1/resources/${r.id}/retire`)).statusCode).toBe(403);
      const seen = await api.req(who, 'GET', `/api/v1/resources/${r.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ name: 'Room 2', canManage: false });
    }
    const anonymous = await t.app.inject({ url: '/api/v1/resources' });
    expect(anonymous.statusCode).toBe(401);
    const missing = await api.req(staff, 'GET', '/api/v1/resources/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('resource.not_found');
  });

  it('links a facilitator to a user, and validates the users named', async () => {
    const ok = await api.req(coordinator, 'POST', '/api/v1/resources', {
      name: 'Ustadz Facilitator',
      type: 'facilitator',
      userId: staff.user.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().userId).toBe(staff.user.id);
    const cases = [
      [{ name: 'F', type: 'facilitator' }, 'userId'],
      [{ name: 'V', type: 'vehicle', userId: staff.user.id }, 'userId'],
      [{ name: 'F', type: 'facilitator', userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
      [
        { name: 'V', type: 'vehicle', rules: { approverIds: ['00000000-0000-4000-8000-000000000000'] } },
        'rules.approverIds',
      ],
      [{ name: '', type: 'vehicle' }, 'name'],
      [{ name: 'V', type: 'boat' }, 'type'],
      [{ name: 'V', type: 'vehicle', rules: { maxDurationMinutes: 0 } }, 'rules.maxDurationMinutes'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await api.req(coordinator, 'POST', '/api/v1/resources', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().code).toBe('request.invalid');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('edits with If-Match (412 when stale), keeps rules not given, and retires', async () => {
    const r = await api.resource(coordinator, {
      name: 'Hall',
      type: 'facility',
      rules: { maxDaysAhead: 30, approverIds: [staff.user.id] },
    });
    const res = await api.req(
      coordinator,
      'PATCH',
      `/api/v1/resources/${r.id}`,
      { capacity: 120, rules: { autoApprove: true } },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      capacity: 120,
      version: 2,
      rules: { maxDaysAhead: 30, approverIds: [staff.user.id], autoApprove: true },
    });
    expect(res.headers.etag).toBe('"2"');
    const stale = await api.req(
      coordinator,
      'PATCH',
      `/api/v1/resources/${r.id}`,
      { name: 'Old' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('request.precondition_failed');
    const cleared = await api.req(coordinator, 'PATCH', `/api/v1/resources/${r.id}`, {
      rules: { maxDaysAhead: null, approverIds: [] },
    });
    expect(cleared.json().rules).toMatchObject({ maxDaysAhead: null, approverIds: [], autoApprove: true });
    const retired = await api.req(admin, 'POST', `/api/v1/resources/${r.id}/retire`);
    expect(retired.json().status).toBe('retired');
    const back = await api.req(coordinator, 'PATCH', `/api/v1/resources/${r.id}`, { status: 'available' });
    expect(back.json().status).toBe('available');
    const audit = await t.db.query<{ action: string }>(
      'select action from audit_log where entity_id = $1 order by id',
      [r.id],
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'resource.created',
      'resource.updated',
      'resource.updated',
      'resource.retired',
      'resource.updated',
    ]);
  });

  it('lists by name with type, status, search and minimum-capacity filters, keyset-paginated', async () => {
    const made = [];
    for (const [name, type, capacity, status] of [
      ['Alpha bus', 'vehicle', 30, 'available'],
      ['Beta car', 'vehicle', 4, 'available'],
      ['Gamma room', 'room', 40, 'available'],
      ['Delta van', 'vehicle', 12, 'maintenance'],
    ] as const)
      made.push(
        await api.resource(coordinator, { name: `List ${name}`, type, capacity, status, location: 'Marawi' }),
      );
    const names = async (query: string) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await api.req(
          staff,
          'GET',
          `/api/v1/resources?limit=2&q=list${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        out.push(...res.json().items.map((r: { name: string }) => r.name));
        cursor = res.json().nextCursor;
      } while (cursor);
      return out;
    };
    expect(await names('')).toEqual(['List Alpha bus', 'List Beta car', 'List Delta van', 'List Gamma room']);
    expect(await names('&type=vehicle')).toEqual(['List Alpha bus', 'List Beta car', 'List Delta van']);
    expect(await names('&type=vehicle&status=available')).toEqual(['List Alpha bus', 'List Beta car']);
    expect(await names('&capacity=12')).toEqual(['List Alpha bus', 'List Delta van', 'List Gamma room']);
    const search = await api.req(staff, 'GET', '/api/v1/resources?q=DELTA%20van');
    expect(search.json().items.map((r: { name: string }) => r.name)).toEqual(['List Delta van']);
    expect((await api.req(staff, 'GET', '/api/v1/resources?q=marawi&limit=500')).json().items).toHaveLength(
      4,
    );
    const bad = await api.req(staff, 'GET', '/api/v1/resources?cursor=nonsense');
    expect(bad.json().code).toBe('pagination.invalid_cursor');
  });
});
