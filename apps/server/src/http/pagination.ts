import { AppError } from '@kalendaryo/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Encodes the sort key of the last row of a page as an opaque cursor. */
export const encodeCursor = (values: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** Decodes a cursor made by `encodeCursor`, checking its shape; a bad one is a 400. */
export function decodeCursor<const T extends readonly ('string' | 'number' | 'uuid')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  const ok = (v: unknown, kind: 'string' | 'number' | 'uuid' | undefined) =>
    kind === 'uuid' ? typeof v === 'string' && UUID.test(v) : typeof v === kind;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => ok(v, shape[i]))) {
      return values as never;
    }
  } catch {
    // fall through
  }
  throw new AppError(
    'pagination.invalid_cursor',
    'The cursor does not come from this list; start again without it.',
    [{ field: 'cursor', message: 'is not a cursor of this list' }],
  );
}
