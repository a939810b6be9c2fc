import { z } from 'zod';

/**
 * Control characters no request field may carry: C0 controls except tab, line feed and carriage
 * return, and DEL. The server refuses them in every body, query and path value before any of it
 * reaches the database (PostgreSQL cannot store U+0000 at all).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Every C0 control and DEL: what a single-line field (a name, a title) may not contain. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const ANY_CONTROL = /[\u0000-\u001F\u007F]/;

/** Query parameters every list endpoint accepts. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size (1–500, default 50)'),
  // No length limit here: the server checks cursors itself, so that anything it did not hand out
  // (too long included) is one answer, 400 `pagination.invalid_cursor`.
  cursor: z.string().optional().describe('The `nextCursor` of the previous page'),
});

/** `{ items, nextCursor }`: the shape of every list the API returns. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });

/** One page of a list of `T`, as `page(item)` describes it. */
export type Page<T> = z.infer<ReturnType<typeof page<z.ZodType<T>>>>;

export const uuidParam = z.object({ id: z.uuid() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .describe('RFC 9457 problem details');
