import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serve } from '../apps/server/src/test/process';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const artifacts = path.join(root, 'artifacts');

if (!hasChromium) {
  console.warn(
    `Skipping browser journeys: no Chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH).`,
  );
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

/**
 * Starts `kalendaryo serve` as a user would, on a fresh embedded data directory — or on a fresh
 * database of the PostgreSQL server when DATABASE_URL is set — and waits until it is healthy.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kalendaryo-e2e-'));
  let dbName: string | undefined;
  const extra: Record<string, string> = {};
  if (process.env.DATABASE_URL) {
    dbName = `kalendaryo_e2e_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${dbName}`;
    extra.DATABASE_URL = u.toString();
  }
  const server = await serve({ DATA_DIR: dataDir, ...extra, ...env }, { timeoutMs: 120_000 });
  return {
    url: server.url,
    output: server.output,
    stop: async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName && process.env.DATABASE_URL) {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`drop database if exists ${dbName} with (force)`);
        await c.end();
      }
    },
  };
}

/** Signs `who` in on the sign-in page and waits for the calendar. */
export async function signIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
}

/** Serious accessibility problems (axe-core) on the current page, each with the elements it concerns. */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Headless Debian Chromium with the flags this environment needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** For the enclosing `describe`: a server (started with `env`) and a browser, up before its tests and stopped after. */
export function useJourney(env: Record<string, string> = {}) {
  const journey = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    journey.server = await startServer(env);
    journey.browser = await launchBrowser();
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}

/** Calls the API as a client would (bearer token or none); a non-2xx answer throws with its body. */
export async function call<T>(
  url: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
