import { AppError } from '@kalendaryo/domain';
import type { Queryable } from './client';

/**
 * Filters and keyset pages for repositories. A list is ordered by one or more sort keys that end
 * with a unique column (`id`), so `(k1, …, id) > (cursor values)` continues exactly after the
 * last row of the previous page whatever was inserted meanwhile. The cursor is opaque to clients:
 * base64url of the JSON array of the last row's sort-key values, checked against the kind of each
 * key when it comes back, so a forged one is a 400 `pagination.invalid_cursor` and never reaches
 * the database as a value PostgreSQL would refuse.
 */

/** What a page is asked for: the route layer has checked `limit` (1–500) and that `cursor` is a string. */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** `{ items, nextCursor }`: one page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The type of a sort-key value, which decides how a cursor value is checked and cast. */
export type KeyKind = 'text' | 'timestamptz' | 'uuid' | 'int';

/** One sort key: an SQL expression over the listed table(s), ascending. */
export interface SortKey {
  sql: string;
  kind: KeyKind;
}

/** Longest cursor accepted: that of a 200-character name in 4-byte characters fits with room. */
const MAX_CURSOR_LENGTH = 2000;
/** Longest text value inside a cursor (names are at most 200 characters). */
const MAX_TEXT_LENGTH = 400;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

const invalidCursor = () =>
  new AppError(
    'pagination.invalid_cursor',
    'The cursor does not come from this list; start again without it.',
    [{ field: 'cursor', message: 'is not a cursor of this list' }],
  );

/** A cursor value as the database gets it, or undefined when it is not a value of that kind. */
function checked(value: unknown, kind: KeyKind): unknown {
  switch (kind) {
    case 'text':
      // PostgreSQL text cannot hold NUL.
      return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH && !value.includes('\u0000')
        ? value
        : undefined;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
    case 'int':
      return Number.isSafeInteger(value) ? value : undefined;
    case 'timestamptz': {
      if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
      // Date rolls 2024-02-30 over to March: only a value that prints back the same is an instant
      // (and PostgreSQL has no year 0).
      const at = new Date(value);
      const same = !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === value.slice(0, 19);
      return same && at.getUTCFullYear() >= 1 ? at : undefined;
    }
  }
}

const CAST: Record<KeyKind, string> = {
  text: 'text',
  timestamptz: 'timestamptz',
  uuid: 'uuid',
  int: 'bigint',
};

/** Encodes the sort-key values of the last row of a page as an opaque cursor. */
export function encodeCursor(values: readonly unknown[]): string {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` for keys of `kinds`: the values, ready to bind as query
 * parameters. Anything else — not base64url, not JSON, another shape, a value of the wrong kind,
 * NUL bytes, too long — is a 400 `pagination.invalid_cursor`.
 */
export function decodeCursor(cursor: string, kinds: readonly KeyKind[]): unknown[] {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== kinds.length) throw invalidCursor();
  return values.map((v, i) => {
    const ok = checked(v, kinds[i]!);
    if (ok === undefined) throw invalidCursor();
    return ok;
  });
}

/**
 * The conditions and parameters of one query, numbered as they are added. `add('x = ?', v)`
 * binds `v` to every `?` of the condition (so `?` is not available as the jsonb operator here).
 */
export class Filter {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Binds `value` as the next parameter and returns its placeholder (`$n`). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition whose `?`s stand for `value`. */
  add(condition: string, value: unknown): this {
    const p = this.param(value);
    this.conditions.push(condition.replaceAll('?', p));
    return this;
  }

  /** Adds a condition without parameters. */
  raw(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `where a and b …`, or nothing without conditions. */
  get where(): string {
    return this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
  }
}

/** A `like` pattern that finds `text` anywhere, case-insensitively (compare with `lower(…)`). */
export const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of `select <columns> <from> <filter> order by <keys> limit <limit + 1>`, continuing
 * after `page.cursor`. The extra row only tells whether another page follows. Sort-key values
 * come from the database itself (`lower(name)` as PostgreSQL lowercases, not as JavaScript does).
 */
export async function keysetPage<Row extends object>(
  db: Queryable,
  q: {
    columns: string;
    from: string;
    filter?: Filter;
    orderBy: readonly SortKey[];
    page: PageRequest;
  },
): Promise<Page<Row>> {
  const filter = q.filter ?? new Filter();
  if (q.page.cursor) {
    const values = decodeCursor(
      q.page.cursor,
      q.orderBy.map((k) => k.kind),
    );
    const placeholders = values.map((v, i) => `${filter.param(v)}::${CAST[q.orderBy[i]!.kind]}`);
    filter.raw(`(${q.orderBy.map((k) => k.sql).join(', ')}) > (${placeholders.join(', ')})`);
  }
  const limit = filter.param(q.page.limit + 1);
  const keys = q.orderBy.map((k, i) => `${k.sql} as page_key_${i}`).join(', ');
  const rows = (
    await db.query<Row & Record<string, unknown>>(
      `select ${q.columns}, ${keys} ${q.from} ${filter.where}
        order by ${q.orderBy.map((k) => k.sql).join(', ')} limit ${limit}`,
      filter.params,
    )
  ).rows;
  const items = rows.slice(0, q.page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > q.page.limit && last ? encodeCursor(q.orderBy.map((_, i) => last[`page_key_${i}`])) : null;
  for (const row of items) for (let i = 0; i < q.orderBy.length; i++) delete row[`page_key_${i}`];
  return { items, nextCursor };
}
