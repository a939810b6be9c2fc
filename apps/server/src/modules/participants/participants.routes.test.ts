import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let organiser: Who, amina: Who, omar: Who;
beforeAll(async () => {
  t = await createTestApp();
  [organiser, amina, omar] = await people(t, ['staff', 'staff', 'staff']);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

async function createItem(extra: Record<string, unknown> = {}) {
  const res = await req(organiser, 'POST', '/api/v1/items', {
    kind: 'event',
    title: 'Consultation with IP leaders',
    start: '2026-12-07T01:00:00Z',
    end: '2026-12-07T03:00:00Z',
    timeZone: 'UTC',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; dtstart: string };
}

describe('participants', () => {
  it('invites users and guests, refuses duplicates, lists and removes them', async () => {
    const item = await createItem();
    const url = `/api/v1/items/${item.id}/participants`;
    const a = await req(organiser, 'POST', url, { userId: amina.user.id });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({
      userId: amina.user.id,
      name: amina.user.name,
      guest: false,
      walkIn: false,
    });
    const g = await req(organiser, 'POST', url, {
      guest: { name: 'Datu Ali', organisation: 'Barangay council', phone: '+63 912 000 0000' },
      needs: { dietary: 'halal' },
    });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({
      userId: null,
      guest: true,
      name: 'Datu Ali',
      needs: { dietary: 'halal' },
    });

    const dup = await req(organiser, 'POST', url, { userId: amina.user.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('participant.duplicate');
    const bad = await req(organiser, 'POST', url, { guest: { name: '' } });
    expect(bad.statusCode).toBe(422);
    const nobody = await req(organiser, 'POST', url, { userId: '00000000-0000-4000-8000-000000000000' });
    expect(nobody.json().code).toBe('user.not_found');

    // Someone who cannot see the item does not learn it exists; a participant may see the list.
    expect((await req(omar, 'GET', url)).statusCode).toBe(404);
    const list = await req(amina, 'GET', url);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['Datu Ali', amina.user.name].sort());
    // ...without the guests' contact details or needs, which are for the organiser.
    const datu = list.json().items.find((p: { name: string }) => p.name === 'Datu Ali');
    expect(datu).toMatchObject({ phone: null, needs: {} });
    const full = (await req(organiser, 'GET', url))
      .json()
      .items.find((p: { name: string }) => p.name === 'Datu Ali');
    expect(full).toMatchObject({ phone: '+63 912 000 0000', needs: { dietary: 'halal' } });
    // ...and may not manage them.
    const byAmina = await req(amina, 'POST', url, { guest: { name: 'Friend' } });
    expect(byAmina.statusCode).toBe(403);

    expect((await req(organiser, 'DELETE', `${url}/${g.json().id}`)).statusCode).toBe(204);
    expect((await req(organiser, 'DELETE', `${url}/${g.json().id}`)).json().code).toBe(
      'participant.not_found',
    );
    expect((await req(organiser, 'GET', url)).json().items).toHaveLength(1);
  });

  it('lets the participant and the organiser edit preparation needs, nobody else', async () => {
    const item = await createItem();
    const url = `/api/v1/items/${item.id}/participants`;
    const a = (await req(organiser, 'POST', url, { userId: amina.user.id })).json();
    const o = (await req(organiser, 'POST', url, { userId: omar.user.id })).json();
    const own = await req(amina, 'PATCH', `${url}/${a.id}`, {
      needs: { dietary: 'vegetarian', accessibility: 'wheelchair' },
    });
    expect(own.statusCode, own.body).toBe(200);
    const byOrganiser = await req(organiser, 'PATCH', `${url}/${a.id}`, {
      needs: { transport: 'pick-up from Cotabato City', accessibility: null },
    });
    expect(byOrganiser.json().needs).toEqual({
      dietary: 'vegetarian',
      transport: 'pick-up from Cotabato City',
    });
    const other = await req(omar, 'PATCH', `${url}/${a.id}`, { needs: { dietary: 'none' } });
    expect(other.statusCode).toBe(403);
    expect(o.needs).toEqual({});
  });
});

describe('RSVP', () => {
  it('keeps the answer and its time; non-participants are refused', async () => {
    const item = await createItem();
    await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, { userId: amina.user.id });
    const res = await req(amina, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'going' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'going', occurrence: '' });
    expect(Date.parse(res.json().respondedAt)).toBeGreaterThan(Date.now() - 60_000);
    const counts = (await req(organiser, 'GET', `/api/v1/items/${item.id}/participants`)).json().counts;
    expect(counts).toEqual({ going: 1, maybe: 0, declined: 0, noResponse: 0 });
    const outsider = await req(omar, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'going' });
    expect(outsider.statusCode).toBe(404);
    const bad = await req(amina, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'perhaps' });
    expect(bad.statusCode).toBe(422);
  });

  it('answers per occurrence of a weekly series, the specific answer overriding "all"', async () => {
    const series = await createItem({ rrule: 'FREQ=WEEKLY;COUNT=4' });
    const url = `/api/v1/items/${series.id}/participants`;
    await req(organiser, 'POST', url, { userId: amina.user.id });
    await req(organiser, 'POST', url, { userId: omar.user.id });
    const second = '2026-12-14T01:00:00';
    expect(
      (await req(amina, 'POST', `/api/v1/items/${series.id}/rsvp`, { status: 'going' })).statusCode,
    ).toBe(200);
    const one = await req(amina, 'POST', `/api/v1/items/${series.id}/rsvp`, {
      status: 'declined',
      occurrence: second,
    });
    expect(one.json()).toMatchObject({ occurrence: second, status: 'declined' });
    await req(omar, 'POST', `/api/v1/items/${series.id}/rsvp`, { status: 'maybe', occurrence: second });

    const countsAt = async (occ?: string) =>
      (await req(organiser, 'GET', `${url}${occ ? `?occurrence=${occ}` : ''}`)).json().counts;
    expect(await countsAt(second)).toEqual({ going: 0, maybe: 1, declined: 1, noResponse: 0 });
    expect(await countsAt('2026-12-21T01:00:00')).toEqual({ going: 1, maybe: 0, declined: 0, noResponse: 1 });
    expect(await countsAt()).toEqual({ going: 1, maybe: 0, declined: 0, noResponse: 1 });
    // An instant names the same occurrence; a time that is not one is 404.
    expect(await countsAt('2026-12-14T01:00:00Z')).toEqual({
      going: 0,
      maybe: 1,
      declined: 1,
      noResponse: 0,
    });
    const none = await req(amina, 'POST', `/api/v1/items/${series.id}/rsvp`, {
      status: 'going',
      occurrence: '2026-12-15T01:00:00',
    });
    expect(none.json().code).toBe('item.occurrence_not_found');
  });
});

describe('invitations on the invitee’s calendar', () => {
  it('lets an invited user read the item and see it in their feed, and nobody else', async () => {
    const item = await createItem({ title: 'Invitation check' });
    const inFeed = async (who: Who) =>
      (
        await req(
          who,
          'GET',
          '/api/v1/calendar?start=2026-12-06T00:00:00Z&end=2026-12-08T00:00:00Z&holidays=false',
        )
      )
        .json()
        .occurrences.some((o: { itemId: string }) => o.itemId === item.id);
    expect((await req(amina, 'GET', `/api/v1/items/${item.id}`)).statusCode).toBe(404);
    expect(await inFeed(amina)).toBe(false);
    expect(
      (await req(organiser, 'POST', `/api/v1/items/${item.id}/participants`, { userId: amina.user.id }))
        .statusCode,
    ).toBe(201);
    const seen = await req(amina, 'GET', `/api/v1/items/${item.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ title: 'Invitation check', canEdit: false });
    expect(await inFeed(amina)).toBe(true);
    expect((await req(amina, 'PATCH', `/api/v1/items/${item.id}`, { title: 'Hijack' })).statusCode).toBe(403);
    expect(await inFeed(omar)).toBe(false);
  });
});
