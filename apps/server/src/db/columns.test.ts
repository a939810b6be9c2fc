import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/db';
import { declaredColumns, rowColumns, type TableColumns } from './columns';

/**
 * Keeps the repositories in step with the migrations: every column a repository declares it
 * reads (`columnsOf`, `rowColumns` in db/columns.ts) must exist in a freshly migrated database. A
 * repository joins by declaring its columns; every `*.repository.ts` is loaded here.
 */

const MODULES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'modules');

const repositories = (dir = MODULES): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return repositories(full);
    return e.name.endsWith('.repository.ts') ? [full] : [];
  });

/** `table.column` for each declared column the schema does not have. */
export function missingColumns(
  declared: readonly Pick<TableColumns, 'table' | 'columns'>[],
  schema: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const missing = new Set<string>();
  for (const { table, columns } of declared) {
    const has = schema.get(table);
    if (!has) missing.add(`${table} (no such table)`);
    else for (const c of columns) if (!has.has(c)) missing.add(`${table}.${c}`);
  }
  return [...missing].sort();
}

let db: TestDb;
let schema: Map<string, Set<string>>;
beforeAll(async () => {
  db = await createTestDb();
  const r = await db.db.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where table_schema = 'public'`,
  );
  schema = new Map();
  for (const { table_name, column_name } of r.rows)
    schema.set(table_name, (schema.get(table_name) ?? new Set()).add(column_name));
});
afterAll(() => db.close());

describe('the columns the repositories read', () => {
  it('all exist in the migrated schema', async () => {
    const files = repositories();
    for (const file of files) await import(file);
    const declared = declaredColumns();
    // Each module's main tables at least, so an empty registry cannot pass unnoticed.
    const tables = new Set(declared.map((d) => d.table));
    for (const t of [
      'users',
      'calendars',
      'resources',
      'bookings',
      'booking_series',
      'communities',
      'attendance',
    ])
      expect(tables, `nothing declares what it reads of ${t}`).toContain(t);
    expect(missingColumns(declared, schema), 'declared in a repository, absent from the schema').toEqual([]);
  });

  it('would name a renamed column and a dropped table', () => {
    const renamed = [
      { table: 'users', columns: ['id', 'time_zone'] },
      { table: 'users', columns: ['timezone'] },
      { table: 'booking_requests', columns: ['id'] },
    ];
    expect(missingColumns(renamed, schema)).toEqual(['booking_requests (no such table)', 'users.timezone']);
  });
});

// Checked by the compiler only (never run, so nothing is declared): a row type and its columns
// must list the same fields.
export const rowTypeChecks = () => {
  const row = rowColumns<{ id: string; name: string }>();
  row('users', ['id', 'name']);
  // @ts-expect-error a field of the row type is left out
  row('users', ['id']);
  // @ts-expect-error a column the row type does not have
  row('users', ['id', 'name', 'email']);
};
