import { decodeCursor as decode, encodeCursor, type KeyKind } from '../db/paging';

/**
 * The cursor codec under its former name, for lists not yet on `db/paging.ts` (whose
 * `keysetPage` builds the whole query). Remove once nothing imports it: services must not import
 * http/* (`npm run depcheck`).
 */
export { encodeCursor };

const KIND: Record<'string' | 'number' | 'uuid', KeyKind> = { string: 'text', number: 'int', uuid: 'uuid' };

/** Decodes a cursor made by `encodeCursor`, checking its shape; a bad one is a 400. */
export function decodeCursor<const T extends readonly ('string' | 'number' | 'uuid')[]>(
  cursor: string,
  shape: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  return decode(
    cursor,
    shape.map((s) => KIND[s]),
  ) as never;
}
