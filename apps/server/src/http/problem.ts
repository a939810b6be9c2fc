import {
  type ErrorCode,
  errorCatalogue,
  type FieldError,
  type Problem,
  problemType,
} from '@kalendaryo/contract';
import { AppError, isAppError } from '@kalendaryo/domain';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { stdSerializers } from 'pino';
import { sqlState } from '../db/errors';

/**
 * Members of driver errors that carry a statement's values: PGlite's bound `params` (a new
 * user's password hash, say), PostgreSQL's `detail` ("Failing row contains (…)", "Key (email)=(…)")
 * and `where`. They never reach a log; the SQL text, code, table and constraint do.
 */
const VALUE_BEARING = new Set(['params', 'detail', 'where', 'internalQuery', 'queryOptions']);

const strip = (v: unknown, depth: number): unknown => {
  if (depth > 5 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => strip(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!VALUE_BEARING.has(k)) out[k] = strip(x, depth + 1);
  return out;
};

/** The logger's `err` serializer: pino's standard one, without the values of SQL statements. */
export function errorForLog(err: unknown): {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
} {
  return strip(stdSerializers.err(err as Error), 0) as ReturnType<typeof errorForLog>;
}

/** Builds the RFC 9457 body for `code`. */
export function problemBody(
  code: ErrorCode,
  opts: {
    detail?: string;
    instance?: string;
    errors?: readonly FieldError[];
    extensions?: Record<string, unknown>;
  } = {},
): Problem {
  const entry = errorCatalogue[code];
  return {
    ...opts.extensions,
    type: problemType(code),
    title: entry.title,
    status: entry.status,
    ...(opts.detail ? { detail: opts.detail } : {}),
    ...(opts.instance ? { instance: opts.instance } : {}),
    code,
    ...(opts.errors?.length ? { errors: [...opts.errors] } : {}),
  };
}

/** Sends `code` as problem details. */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  opts: { detail?: string; errors?: readonly FieldError[]; extensions?: Record<string, unknown> } = {},
) {
  const body = problemBody(code, { ...opts, instance: `urn:request:${reply.request.id}` });
  return reply.code(body.status).type('application/problem+json').send(body);
}

const fieldPath = (segments: readonly PropertyKey[] | undefined, prefix: string): string => {
  const path = (segments ?? []).map(String).join('.');
  return path ? path : prefix;
};

/** Maps the zod validation errors Fastify reports to named fields. */
function validationFields(err: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  return err.validation.map((v) => {
    const issue = (v.params as { issue?: { path?: PropertyKey[]; code?: string } }).issue;
    const fromPath = v.instancePath?.replace(/^\//, '').replaceAll('/', '.');
    return {
      field: fromPath || fieldPath(issue?.path, err.validationContext ?? 'body'),
      message: v.message ?? 'is invalid',
      ...(issue?.code ? { code: issue.code } : {}),
    };
  });
}

/**
 * SQLSTATEs of bad values: invalid text representation (22P02), datetime format (22007), datetime
 * field overflow (22008), numeric value out of range (22003), invalid parameter value (22023).
 */
const DATA_EXCEPTIONS = new Set(['22P02', '22007', '22008', '22003', '22023']);

/** Fastify's own error codes that are the client's fault, mapped to catalogue codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed_json',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
};

/**
 * The one error handler: AppErrors and client mistakes become their problem details; anything
 * else is logged in full and answered with a plain 500 that reveals nothing.
 */
export function errorHandler(
  err: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (isAppError(err)) {
    const status = errorCatalogue[err.code].status;
    if (status >= 500) request.log.warn({ code: err.code }, err.message);
    const retryAfter = err.extensions?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return sendProblem(reply, err.code, {
      ...(err.detail ? { detail: err.detail } : {}),
      ...(err.fields ? { errors: err.fields } : {}),
      ...(err.extensions ? { extensions: err.extensions } : {}),
    });
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const context = fe.validationContext ?? 'body';
    const code: ErrorCode = context === 'body' ? 'request.invalid' : 'request.bad_query';
    const fields = validationFields(fe).map((f) =>
      context === 'body' ? f : { ...f, field: f.field || context },
    );
    return sendProblem(reply, code, {
      detail: `The ${context === 'body' ? 'request body' : context} is invalid`,
      errors: fields,
    });
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return sendProblem(reply, mapped, { detail: fe.message });
  if (fe.statusCode === 429) return sendProblem(reply, 'request.rate_limited', { detail: fe.message });
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 404
        ? 'request.not_found'
        : fe.statusCode === 413
          ? 'request.too_large'
          : fe.statusCode === 415
            ? 'request.unsupported_media_type'
            : 'request.bad_query';
    return sendProblem(reply, code, { detail: fe.message });
  }
  // PostgreSQL refuses U+0000 in text and some escapes in JSON: the client's input, not our fault.
  const state = sqlState(err);
  if (state === '22021' || state === '22P05')
    return sendProblem(reply, 'request.control_characters', {
      detail: 'The request contains characters the database cannot store (such as U+0000).',
    });
  if (state === '22001')
    return sendProblem(reply, 'request.invalid', { detail: 'A value is longer than its field allows.' });
  // The net under validation: a value the contract let through that PostgreSQL still refuses (a
  // year before 1, a number beyond its column, text that is not a uuid) is the client's bad input.
  // Logged, because each one names a schema to tighten.
  if (state && DATA_EXCEPTIONS.has(state)) {
    request.log.error({ err: errorForLog(err) }, 'input refused by the database');
    return sendProblem(reply, 'request.invalid', {
      detail: 'A value is out of range or malformed.',
    });
  }
  request.log.error({ err: errorForLog(err) }, 'unhandled error');
  return sendProblem(reply, 'server.internal', {
    detail: 'Something went wrong on our side; it has been logged.',
  });
}

/** Shorthand used by services and policies. */
export const fail = (code: ErrorCode, detail?: string, fields?: FieldError[]): never => {
  throw new AppError(code, detail, fields);
};
