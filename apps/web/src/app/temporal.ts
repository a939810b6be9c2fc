/**
 * Temporal for the browser build. The domain's zone layer imports `temporal-polyfill` to find a
 * zone's offset transitions; vite.config.ts points that import here, so a browser that has
 * Temporal (recent Chrome, Edge, Firefox) uses its own and never downloads the polyfill (about
 * 55 kB), and one that lacks it fetches the polyfill once, before the first page that converts
 * times. The domain itself is unchanged and keeps importing the polyfill on the server and in tests.
 *
 * Nothing may convert a time before `temporalReady()` has settled: the signed-in layout's loader
 * waits for it, and the sign-in and setup pages convert no times.
 */
import type { Temporal as TemporalApi } from 'temporal-polyfill';

const native = (globalThis as { Temporal?: typeof TemporalApi }).Temporal;

/**
 * The browser's Temporal, or the polyfill once `temporalReady()` has loaded it (a live binding:
 * modules that imported it see the polyfill from then on).
 */
export let Temporal = native as typeof TemporalApi;

let loading: Promise<void> | undefined;

/** Resolves when `Temporal` can be used: at once with a native Temporal, else when the polyfill has loaded. */
export function temporalReady(): Promise<void> {
  if (Temporal) return Promise.resolve();
  loading ??= import('temporal-polyfill/implementation').then((m) => {
    Temporal = m.Temporal;
  });
  return loading;
}
