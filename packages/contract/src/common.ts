import { z } from 'zod';

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
