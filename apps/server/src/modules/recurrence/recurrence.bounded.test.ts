import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/server';

// A preview never stalls the server: costly rules are refused at once, and expansions run in
// worker threads while the event loop keeps answering — over real HTTP, the server listening.

let t: TestApp;
let viewer: Who;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  [viewer] = await people(t, ['viewer']);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).join(',');
const FREEZING = `FREQ=YEARLY;BYMONTH=${seq(1, 12)};BYMONTHDAY=${seq(1, 31)};BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSECOND=${seq(0, 59)};BYSETPOS=-1`;
/** 1,440 candidates a day, the last one picked: within the limits, but costly over hundreds of days. */
const LAST_MINUTE = `FREQ=DAILY;BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSETPOS=-1`;

/** A preview's answer: its occurrences, or a problem. */
interface PreviewAnswer {
  occurrences?: string[];
  code?: string;
  detail?: string;
}

const preview = (body: Record<string, unknown>) =>
  fetch(`${base}/api/v1/recurrence/preview`, {
    method: 'POST',
    headers: { ...viewer.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ dtstart: '2026-01-01T00:00:00', tzid: 'Asia/Manila', ...body }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as PreviewAnswer }));

describe('POST /api/v1/recurrence/preview within bounds', () => {
  it('refuses the freezing rule from a viewer with 422 recurrence.too_complex', async () => {
    const res = await preview({ rrule: FREEZING, limit: 1000 });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'recurrence.too_complex',
      detail: expect.stringContaining('candidate starts in one year'),
    });
  });

  it('refuses SECONDLY and endless MINUTELY; previews a bounded MINUTELY rule', async () => {
    for (const rrule of ['FREQ=SECONDLY;COUNT=10', 'FREQ=MINUTELY;INTERVAL=15']) {
      const res = await preview({ rrule, limit: 5 });
      expect([res.status, res.body.code], rrule).toEqual([422, 'recurrence.too_complex']);
    }
    const ok = await preview({ rrule: 'FREQ=MINUTELY;INTERVAL=15;COUNT=3', limit: 5 });
    expect(ok).toEqual({
      status: 200,
      body: { occurrences: ['2025-12-31T16:00:00Z', '2025-12-31T16:15:00Z', '2025-12-31T16:30:00Z'] },
    });
  });

  it('refuses a rule within the limits whose expansion exceeds the candidate budget', async () => {
    const res = await preview({ rrule: LAST_MINUTE, limit: 1000 });
    expect([res.status, res.body.code]).toEqual([422, 'recurrence.too_complex']);
    const within = await preview({ rrule: LAST_MINUTE, limit: 100 });
    expect(within.status).toBe(200);
    expect(within.body.occurrences?.slice(0, 3)).toEqual([
      '2025-12-31T16:00:00Z',
      '2026-01-01T15:59:00Z',
      '2026-01-02T15:59:00Z',
    ]);
  });

  // Retried: on a busy shared machine the OS may hold the thread back now and then; an expansion on
  // the event loop would hold every health check back for hundreds of milliseconds, every time.
  it('keeps /api/health answering within 100 ms while heavy previews run', { retry: 2 }, async () => {
    await preview({ rrule: 'FREQ=DAILY;COUNT=1', limit: 1 }); // the workers are up
    await (await fetch(`${base}/api/health`)).arrayBuffer(); // and so is the health route
    let running = true;
    const heavy = Promise.all([
      ...Array.from({ length: 4 }, () => preview({ rrule: LAST_MINUTE, limit: 600 })),
      preview({ rrule: LAST_MINUTE, limit: 1000 }),
      preview({ rrule: FREEZING, limit: 1000 }),
    ]).finally(() => {
      running = false;
    });
    const latencies: number[] = [];
    while (running) {
      const began = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (running) latencies.push(performance.now() - began);
      expect(res.status).toBe(200);
    }
    const answers = await heavy;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 422, 422]);
    expect(answers[0]?.body.occurrences).toHaveLength(600);
    // Health was asked while the previews ran, and never waited for them.
    expect(latencies.length).toBeGreaterThan(2);
    expect(Math.max(...latencies)).toBeLessThan(100);
  });
});
