import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test imports a fresh copy, as a page load would.
const load = async () => {
  vi.resetModules();
  return import('./temporal');
};

afterEach(() => vi.unstubAllGlobals());

describe('Temporal for the browser build', () => {
  it('takes the browser’s own Temporal when there is one, without loading the polyfill', async () => {
    const own = { Instant: {} };
    vi.stubGlobal('Temporal', own);
    const m = await load();
    await m.temporalReady();
    expect(m.Temporal).toBe(own);
  });

  it('loads the polyfill where the browser has none, and leaves the page’s globals alone', async () => {
    vi.stubGlobal('Temporal', undefined);
    const m = await load();
    expect(m.Temporal).toBeUndefined();
    await m.temporalReady();
    const manila = m.Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO('Asia/Manila');
    expect(manila.offsetNanoseconds / 3.6e12).toBe(8);
    expect((globalThis as { Temporal?: unknown }).Temporal).toBeUndefined();
  });
});
