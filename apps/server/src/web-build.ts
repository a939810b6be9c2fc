import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Builds the web app with Vite when it is missing or older than its sources, so `npm start` needs nothing else. */
export async function ensureWebBuilt(webDist: string): Promise<void> {
  if (!webBuildIsStale(webDist)) return;
  if (!existsSync(path.join(webRoot, 'vite.config.ts'))) return;
  console.log('Building the web app (first run or changed sources)…');
  const { build } = await import('vite');
  await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
}
