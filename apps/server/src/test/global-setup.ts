import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../db/client';
import { migrate } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates one embedded database and dumps it, so each test file starts from a fresh copy of
 * the migrated schema instead of running initdb and every migration again.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kalendaryo-test-'));
  const file = path.join(dir, 'template.tar.gz');
  if (!process.env.DATABASE_URL) {
    const db = await openPglite('memory://');
    await migrate(db);
    const blob = await (db as unknown as { dump: () => Promise<Blob> }).dump();
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    await db.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
