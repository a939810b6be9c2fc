import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../config';

// `kalendaryo` as a user runs it, for the tests that drive real processes (CLI, `serve`, e2e).

/** The `kalendaryo` command, as `npx kalendaryo` runs it. */
export const bin = path.join(repoRoot, 'apps/server/bin/kalendaryo.mjs');

/** The children started by `launch` that have not exited yet (see `killChildren`). */
export const children = new Set<ChildProcess>();

/** A running `kalendaryo` process: the child, everything it wrote so far, and how it ended. */
export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of a child: ours without anything that would point it elsewhere. */
export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of Object.keys(base))
    if (/^(DATABASE_URL|REDIS_URL|PORT|HOST|DATA_DIR|LOG_LEVEL|KALENDARYO_)/.test(k)) delete base[k];
  return { ...base, KALENDARYO_PASSWORD_COST: '10', LOG_LEVEL: 'warn', ...env };
}

/** Starts `kalendaryo <args>` from the repository root with `childEnv(env)`, collecting its output. */
export function launch(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, output: () => out, exited };
}

/** Runs a CLI command to its end (killed after `timeoutMs`). */
export async function run(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000) {
  const p = launch(args, env);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const { code } = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

/** Kills every child still running (for `afterAll`). */
export function killChildren(signal: NodeJS.Signals = 'SIGKILL') {
  for (const c of children) c.kill(signal);
}

/** A TCP port that is free on `host` right now. */
export const freePort = (host = '127.0.0.1') =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts `kalendaryo serve` on a free port of `host` and waits until /api/health answers 200 (or the process exits). */
export async function serve(
  env: Record<string, string> = {},
  { host = '127.0.0.1', timeoutMs = 90_000 }: { host?: string; timeoutMs?: number } = {},
) {
  const port = await freePort(host);
  const p = launch(['serve'], { PORT: String(port), HOST: host, ...env });
  const url = `http://${host}:${port}`;
  let exited = false;
  void p.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`kalendaryo serve exited early:\n${p.output()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { ...p, url, port, pid: p.child.pid! };
    if (Date.now() > deadline) throw new Error(`kalendaryo serve did not become healthy:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
