import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../test/process';
import { backupEmbedded, openDatabase } from './open';

// The embedded database on a real directory: what other users of the machine can do to it.

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const mode = (p: string) => statSync(p).mode & 0o777;

/** Every path under `dir` (itself included) that group or others may read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const p = pending.pop()!;
    const st = statSync(p);
    if (st.mode & 0o077) found.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) pending.push(path.join(p, n));
  }
  return found;
}

describe.skipIf(process.platform === 'win32')('the data directory is its user’s alone', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'kalendaryo-perms-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('creates the directory 0700 and every file of the database 0600, backups included', async () => {
    const dataDir = path.join(work, 'fresh', 'data');
    const opened = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      await opened.db.query("insert into settings (key, value) values ('probe', '1'::jsonb)");
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'pgdata'))).toBe(0o700);
      expect(mode(path.join(dataDir, 'kalendaryo.lock'))).toBe(0o600);
      expect(openToOthers(dataDir)).toEqual([]);
      const backup = path.join(work, 'fresh', 'backup.tar.gz');
      await backupEmbedded(opened.db, backup);
      expect(mode(backup)).toBe(0o600);
    } finally {
      await opened.close();
    }
  });

  it('makes an existing data directory that others could read private, files included', async () => {
    const dataDir = path.join(work, 'older', 'data');
    const first = await openDatabase({ dataDir, databaseUrl: undefined });
    await first.close();
    // As an earlier version (or a careless copy) left it: readable by everyone.
    chmodSync(dataDir, 0o755);
    const pgdata = path.join(dataDir, 'pgdata');
    chmodSync(pgdata, 0o755);
    for (const f of readdirSync(pgdata)) {
      const p = path.join(pgdata, f);
      if (statSync(p).isFile()) chmodSync(p, 0o666);
    }
    writeFileSync(path.join(pgdata, 'left-by-an-old-version'), 'x', { mode: 0o644 });
    expect(openToOthers(dataDir).length).toBeGreaterThan(3);

    const again = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      expect((await again.db.query("select 1 from settings where key = 'probe'")).rowCount).toBe(0);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('refuses a data directory others can write, saying how to fix it, and leaves it untouched', async () => {
    const dataDir = path.join(work, 'shared');
    mkdirSync(dataDir);
    for (const m of [0o777, 0o775, 0o757]) {
      chmodSync(dataDir, m);
      await expect(openDatabase({ dataDir, databaseUrl: undefined })).rejects.toThrow(
        `can be written by other users (mode ${m.toString(8)}), so its database cannot be trusted. Make it private to the user that runs Kalendaryo — chmod 700 ${dataDir} — and start again.`,
      );
      expect(mode(dataDir)).toBe(m);
      expect(readdirSync(dataDir)).toEqual([]);
    }
  });

  it('stops the `kalendaryo` command on such a directory with the same advice', async () => {
    const dataDir = path.join(work, 'cli-shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    const res = await run(['migrate'], { DATA_DIR: dataDir });
    expect(res.code, res.output).not.toBe(0);
    expect(res.output).toContain(`chmod 700 ${dataDir}`);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
