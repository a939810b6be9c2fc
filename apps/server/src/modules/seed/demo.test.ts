import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';
import { DEMO_PASSWORD, seedDemo } from './demo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('seed --demo', () => {
  it('fills an office a coordinator can use at once, and only once', async () => {
    const today = new Date('2026-11-26T02:00:00Z');
    const first = await seedDemo({ db: t.db, config: t.config }, today);
    expect(first).toMatchObject({ seeded: true, users: 9 });
    expect((await seedDemo({ db: t.db, config: t.config }, today)).seeded).toBe(false);

    const headers = await bearerFor(t.app, { email: 'amina.lidasan@oobc.example' }, DEMO_PASSWORD);
    const feed = await t.app.inject({
      url: '/api/v1/calendar?start=2026-11-23T00:00:00Z&end=2026-12-28T00:00:00Z',
      headers,
    });
    const kinds = new Set(feed.json().occurrences.map((o: { kind: string }) => o.kind));
    for (const kind of ['event', 'engagement', 'assessment', 'community_event', 'holiday'])
      expect(kinds, kind).toContain(kind);
    const resources = (await t.app.inject({ url: '/api/v1/resources', headers })).json().items;
    expect(resources.map((r: { type: string }) => r.type)).toEqual(
      expect.arrayContaining(['vehicle', 'room', 'equipment', 'facilitator']),
    );
    const bookings = (await t.app.inject({ url: '/api/v1/bookings', headers })).json().items;
    expect(bookings.length).toBeGreaterThanOrEqual(4);
    const communities = (await t.app.inject({ url: '/api/v1/communities', headers })).json().items;
    expect(communities).toHaveLength(6);
  });
});
