import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let organiser: Who, amina: Who, omar: Who, coordinator: Who, admin: Who;
beforeAll(async () => {
  t = await createTestApp();
  [organiser, amina, omar, coordinator, admin] = await people(t, [
    'staff',
    'staff',
    'staff',
    'coordinator',
    'admin',
  ]);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

type Row = { userId: string | null; name: string; email: string | null; phone: string | null; needs: object };

/** A public event (so coordinators and administrators see and manage it) with Amina and a guest invited. */
async function consultation() {
  const res = await req(organiser, 'POST', '/api/v1/items', {
    kind: 'event',
    title: 'Consultation with IP leaders',
    start: '2026-12-07T01:00:00Z',
    end: '2026-12-07T03:00:00Z',
    timeZone: 'UTC',
    visibility: 'public',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const url = `/api/v1/items/${id}/participants`;
  await req(organiser, 'POST', url, { userId: amina.user.id, needs: { accessibility: 'insulin kept cool' } });
  await req(organiser, 'POST', url, { userId: omar.user.id });
  await req(organiser, 'POST', url, {
    guest: { name: 'Datu Ali', email: 'datu@example.org', phone: '+63 912 000 0000' },
    needs: { dietary: 'halal, no peanuts (allergy)' },
  });
  return { id, url };
}

const listAs = async (who: Who, url: string) => {
  const res = await req(who, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Row[];
};
const byName = (rows: Row[], name: string) => rows.find((r) => r.name === name)!;

describe('participants’ needs and contacts', () => {
  it('are for the organiser and the person themself; coordinators, administrators and other participants see none', async () => {
    const { id, url } = await consultation();
    const mine = await listAs(organiser, url);
    expect(byName(mine, 'Datu Ali')).toMatchObject({
      email: 'datu@example.org',
      phone: '+63 912 000 0000',
      needs: { dietary: 'halal, no peanuts (allergy)' },
    });
    for (const who of [coordinator, admin, omar]) {
      const rows = await listAs(who, url);
      expect(rows).toHaveLength(3);
      for (const r of rows.filter((r) => r.userId !== who.user.id))
        expect(r).toMatchObject({ email: null, phone: null, needs: {} });
    }
    // Amina sees her own needs, not the guest's.
    const hers = await listAs(amina, url);
    expect(byName(hers, amina.user.name).needs).toEqual({ accessibility: 'insulin kept cool' });
    expect(byName(hers, 'Datu Ali')).toMatchObject({ email: null, needs: {} });

    // The attendance report (and its CSV) carries no contacts for a coordinator who was not named.
    const report = await req(coordinator, 'GET', `/api/v1/items/${id}/attendance`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().rows.map((r: Row) => r.email)).toEqual([null, null, null]);
    const csv = await req(coordinator, 'GET', `/api/v1/items/${id}/attendance?format=csv`);
    expect(csv.body).not.toContain('datu@example.org');
    expect(csv.body).not.toContain(amina.user.email);
    const own = await req(organiser, 'GET', `/api/v1/items/${id}/attendance?format=csv`);
    expect(own.body).toContain('datu@example.org');

    // Those who may not see the needs may not overwrite them either.
    const guestId = (mine.find((r) => r.name === 'Datu Ali') as unknown as { id: string }).id;
    const edit = await req(coordinator, 'PATCH', `${url}/${guestId}`, { needs: { dietary: 'none' } });
    expect(edit.statusCode).toBe(403);
  });

  it('are also for those the organiser names, and only the organiser names them', async () => {
    const { id, url } = await consultation();
    const settings = `/api/v1/items/${id}/attendance-settings`;
    // A coordinator manages the item (walk-ins) but does not name who sees needs.
    const byCoordinator = await req(coordinator, 'PATCH', settings, { needsViewers: [coordinator.user.id] });
    expect(byCoordinator.statusCode).toBe(403);
    expect((await req(coordinator, 'GET', settings)).json()).toEqual({ allowWalkIns: false });
    const unknown = await req(organiser, 'PATCH', settings, {
      needsViewers: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('user.not_found');

    const named = await req(organiser, 'PATCH', settings, { needsViewers: [coordinator.user.id] });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toEqual({ allowWalkIns: false, needsViewers: [coordinator.user.id] });
    expect(byName(await listAs(coordinator, url), 'Datu Ali')).toMatchObject({
      email: 'datu@example.org',
      needs: { dietary: 'halal, no peanuts (allergy)' },
    });
    const report = await req(coordinator, 'GET', `/api/v1/items/${id}/attendance`);
    expect(report.json().rows.map((r: Row) => r.email)).toContain('datu@example.org');
    // The administrator, not named, still sees none; naming nobody again withdraws it.
    expect(byName(await listAs(admin, url), 'Datu Ali').needs).toEqual({});
    await req(organiser, 'PATCH', settings, { needsViewers: [] });
    expect(byName(await listAs(coordinator, url), 'Datu Ali').needs).toEqual({});
  });
});
