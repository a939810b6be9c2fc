import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let owner: Who, viewer: Who, editor: Who;
let calendarId: string;
let communityId: string;
let secretId: string;
let openId: string;
beforeAll(async () => {
  t = await createTestApp();
  [owner, viewer, editor] = await people(t, ['coordinator', 'staff', 'staff']);
  calendarId = (await req(owner, 'POST', '/api/v1/calendars', { name: 'Personnel', color: '#4b5563' })).json()
    .id;
  await req(owner, 'PUT', `/api/v1/calendars/${calendarId}/members/${viewer.user.id}`, {
    permission: 'view',
  });
  await req(owner, 'PUT', `/api/v1/calendars/${calendarId}/members/${editor.user.id}`, {
    permission: 'edit',
  });
  const community = await req(owner, 'POST', '/api/v1/communities', {
    name: 'Barangay Tamontaka',
    region: 'BARMM',
    province: 'Maguindanao del Norte',
    municipality: 'Cotabato City',
    barangay: 'Tamontaka',
  });
  expect(community.statusCode, community.body).toBe(201);
  communityId = community.json().id;
  const base = {
    kind: 'event',
    start: '2026-03-09T01:00:00Z',
    end: '2026-03-09T02:00:00Z',
    timeZone: 'Asia/Manila',
    calendarId,
    communityId,
  };
  const secret = await req(owner, 'POST', '/api/v1/items', {
    ...base,
    title: 'Personnel matter',
    description: 'Disciplinary hearing',
    location: 'Room 2',
    visibility: 'private',
  });
  expect(secret.statusCode, secret.body).toBe(201);
  secretId = secret.json().id;
  openId = (
    await req(owner, 'POST', '/api/v1/items', { ...base, title: 'Budget review', location: 'Room 2' })
  ).json().id;
});
afterAll(() => t.close());

function req(...args: RequestArgs) {
  return request(t, ...args);
}

type Occ = { itemId: string; title: string; location: string | null; communityId: string | null };
const feed = async (who: Who, filter = '') => {
  const res = await req(
    who,
    'GET',
    `/api/v1/calendar?start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z&holidays=false${filter}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().occurrences as Occ[];
};
const ids = (occ: Occ[]) => occ.map((o) => o.itemId);

describe('a private item seen only as busy', () => {
  it('shows as Busy, without its community, when no filter excludes it', async () => {
    const all = await feed(viewer);
    expect(all.find((o) => o.itemId === secretId)).toMatchObject({
      title: 'Busy',
      location: null,
      communityId: null,
    });
    // Kind and status are shown on the busy block, so filtering by them reveals nothing new.
    expect(ids(await feed(viewer, '&kinds=event'))).toContain(secretId);
    expect(ids(await feed(viewer, '&status=confirmed'))).toContain(secretId);
  });

  it('is found by no search, so its title, description and location cannot be probed letter by letter', async () => {
    const probes = new Set<string>();
    for (const text of ['Personnel matter', 'Disciplinary hearing', 'Room 2'])
      for (let i = 1; i <= text.length; i++) probes.add(text.slice(0, i));
    for (const q of probes) {
      const found = await feed(viewer, `&q=${encodeURIComponent(q)}`);
      expect(ids(found), q).not.toContain(secretId);
    }
    // Searching still finds what the viewer may read: the open item in the same room.
    expect(ids(await feed(viewer, '&q=Room%202'))).toEqual([openId]);
    // Nor does a community filter say which community the private item is for.
    expect(ids(await feed(viewer, `&community=${communityId}`))).toEqual([openId]);
  });

  it('is searched and filtered as usual by those who read it in full', async () => {
    for (const who of [owner, editor]) {
      expect(ids(await feed(who, '&q=Disciplinary'))).toEqual([secretId]);
      expect(ids(await feed(who, `&community=${communityId}`)).sort()).toEqual([secretId, openId].sort());
    }
  });
});
