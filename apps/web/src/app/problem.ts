/**
 * RFC 9457 problem details as the Kalendaryo API sends them (`application/problem+json`, described
 * by the contract's error catalogue), and the parsing that turns any failed response — a problem
 * document, a proxy's HTML error page, an empty body — into one predictable shape the UI can show.
 */
import type { ErrorCode, FieldError, Problem } from '@kalendaryo/contract';
import { errorCatalogue } from '@kalendaryo/contract/errors';

/**
 * Failures that never reached the API's error handling, so carry no code of its catalogue: no
 * answer at all (offline, or a proxy that cannot reach the server), or an answer that is not a
 * problem document and whose status names no code either.
 */
export type ClientErrorCode = 'network.unreachable' | 'http.unexpected';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const clientTitles: Record<ClientErrorCode, string> = {
  'network.unreachable': 'Kalendaryo cannot be reached',
  'http.unexpected': 'The request failed',
};

/** The title the catalogue (or the browser, for its own codes) gives a code. */
export const titleOf = (code: ApiErrorCode): string =>
  code in clientTitles ? clientTitles[code as ClientErrorCode] : errorCatalogue[code as ErrorCode].title;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ApiErrorCode;
  detail?: string;
  instance?: string;
  errors: FieldError[];
  /** Seconds to wait before retrying, from the `Retry-After` header (429, 503). */
  retryAfterSeconds?: number;
  /**
   * Members beyond the standard ones (RFC 9457 §3.2 extension members), e.g. the `conflicts` of a
   * `booking.conflict`; present only when the document has some.
   */
  extensions?: Record<string, unknown>;
}

export interface FailedResponse {
  status: number;
  contentType: string | null;
  body: string;
  retryAfter: string | null;
  /** The current time in epoch milliseconds; needed to read an HTTP-date `Retry-After`. */
  now: number;
}

/** The code of a failed response that carries no problem document, from its status alone. */
const codeOfStatus: Partial<Record<number, ApiErrorCode>> = {
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'request.not_found',
  405: 'request.method_not_allowed',
  412: 'request.precondition_failed',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  422: 'request.invalid',
  429: 'request.rate_limited',
  500: 'server.internal',
  // A gateway in front of the server answering for it: the server itself is out of reach.
  502: 'network.unreachable',
  504: 'network.unreachable',
};

/**
 * Seconds from a `Retry-After` value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Returns undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** The problem document in a body, when the body is one (a proxy's page or garbage is not). */
function problemIn(res: FailedResponse): Problem | undefined {
  if (res.contentType === null || !/json/i.test(res.contentType)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(res.body);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { code, title } = doc as Record<string, unknown>;
  return typeof code === 'string' && typeof title === 'string' ? (doc as Problem) : undefined;
}

/** Turns a failed HTTP response into problem details, whatever its body looks like. */
export function parseProblem(res: FailedResponse): ProblemDetails {
  const retryAfterSeconds = parseRetryAfter(res.retryAfter, res.now);
  const retry = retryAfterSeconds !== undefined ? { retryAfterSeconds } : {};
  const doc = problemIn(res);
  if (!doc) {
    const code = codeOfStatus[res.status] ?? 'http.unexpected';
    return { type: 'about:blank', title: titleOf(code), status: res.status, code, errors: [], ...retry };
  }
  // The HTTP status is authoritative; a document may disagree with it only by mistake.
  const { type, title, status: _status, code, detail, instance, errors, ...extensions } = doc;
  return {
    type,
    title,
    status: res.status,
    code,
    errors: errors ?? [],
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    ...retry,
  };
}

/** The first message for each field, ready to show beside the inputs. */
export function fieldErrorMap(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (e.field && out[e.field] === undefined) out[e.field] = e.message;
  }
  return out;
}
