import { FORBIDDEN_CONTROL } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The longest string any request field may hold. The contract's schemas set each field's own
 * limit (names 200, descriptions 50 000); this is the net under fields that have none.
 */
export const MAX_STRING_LENGTH = 100_000;

/** At most this many offending fields are named in one answer. */
const MAX_REPORTED = 10;

interface Finding {
  path: string;
  problem: 'control' | 'length';
}

/**
 * Walks a parsed JSON value (keys and values, iteratively, so deep nesting cannot exhaust the
 * stack) and names the strings that carry a forbidden control character or are too long.
 */
export function scanInput(value: unknown): Finding[] {
  const found: Finding[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (FORBIDDEN_CONTROL.test(v)) found.push({ path, problem: 'control' });
      else if (v.length > MAX_STRING_LENGTH) found.push({ path, problem: 'length' });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (FORBIDDEN_CONTROL.test(k)) found.push({ path: at, problem: 'control' });
        stack.push([child, at]);
      }
    }
  }
  return found;
}

const where = (request: FastifyRequest): [unknown, 'body' | 'query' | 'params'][] => [
  [request.params, 'params'],
  [request.query, 'query'],
  [request.body, 'body'],
];

/**
 * Refuses, before validation and long before the database, every request whose body, query or
 * path carries a control character (U+0000 and the other C0 controls except tab, line feed and
 * carriage return) — 400 `request.control_characters` — or an overlong string — 422/400. Fields
 * that must be a single line refuse tabs and line breaks too, in their contract schemas.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [value, part] of where(request)) {
      const found = scanInput(value);
      if (found.length === 0) continue;
      const control = found.filter((f) => f.problem === 'control');
      if (control.length > 0) {
        throw new AppError(
          'request.control_characters',
          `The ${part === 'body' ? 'request body' : part === 'query' ? 'query string' : 'path'} contains control characters such as U+0000; remove them and try again.`,
          control.map((f) => ({
            field: f.path || part,
            message: 'contains a control character',
            code: 'control_characters',
          })),
        );
      }
      throw new AppError(
        part === 'body' ? 'request.invalid' : 'request.bad_query',
        `A value is longer than ${MAX_STRING_LENGTH} characters.`,
        found.map((f) => ({ field: f.path || part, message: 'is too long', code: 'too_big' })),
      );
    }
  });
}
