import type { Queryable } from './client';

/**
 * A secret kept in `settings` under `key`, made by `make` the first time it is asked for. Two app
 * servers asking at once both get the one that was stored first.
 */
export async function storedSecret(db: Queryable, key: string, make: () => string): Promise<string> {
  await db.query(
    'insert into settings (key, value) values ($1, to_jsonb($2::text)) on conflict (key) do nothing',
    [key, make()],
  );
  const r = await db.query<{ value: string }>('select value from settings where key = $1', [key]);
  return r.rows[0]!.value;
}
