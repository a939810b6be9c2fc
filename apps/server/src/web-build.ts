import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './config';

const webRoot = path.join(repoRoot, 'apps/web');

const newestMtime = (p: string): number => {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
};

/** True when the web app's sources are newer than its build (or there is no build). */
export function webBuildIsStale(webDist: string): boolean {
  const built = path.join(webDist, 'index.html');
  if (!existsSync(built)) return true;
  if (!existsSync(path.join(webRoot, 'src'))) return false; // an installed build without sources
  const sources = Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts'].map((p) => newestMtime(path.join(webRoot, p))),
  );
  return sources > statSync(built).mtimeMs;
}

/**
 * Takes a build lock (a directory created exclusively beside the build), so processes starting
 * together do not build into the same folder at once; a lock older than five minutes is stale.
 */
async function withBuildLock<T>(webDist: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${webDist}.building`;
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > 300_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the web app with Vite when it is missing or older than its sources, so `npm start` needs nothing else. */
export async function ensureWebBuilt(webDist: string): Promise<void> {
  if (!webBuildIsStale(webDist)) return;
  if (!existsSync(path.join(webRoot, 'vite.config.ts'))) return;
  await withBuildLock(webDist, async () => {
    if (!webBuildIsStale(webDist)) return; // another process built it while we waited
    console.log('Building the web app (first run or changed sources)…');
    const { build } = await import('vite');
    await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  });
}
