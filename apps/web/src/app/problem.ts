/**
 * RFC 9457 problem details as the Kalendaryo API sends them (`application/problem+json`), and
 * the parsing that turns any failed response — a real problem document, a proxy's HTML error
 * page, an empty body — into one predictable shape the UI can show.
 */

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
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

const genericTitles: Record<number, string> = {
  400: 'The request could not be understood',
  401: 'Sign-in required',
  403: 'You are not allowed to do this',
  404: 'Not found',
  409: 'The request conflicts with the current state',
  412: 'The resource was changed by someone else',
  413: 'The request is too large',
  422: 'The request is invalid',
  429: 'Too many requests',
  500: 'Something went wrong on the server',
  502: 'The server cannot be reached',
  503: 'The service is unavailable',
  504: 'The server took too long to answer',
};

const genericCodes: Record<number, string> = {
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'request.not_found',
  422: 'request.invalid',
  429: 'request.rate_limited',
  500: 'server.internal',
  503: 'server.unavailable',
};

/** The title used when the response carries no problem document. */
export function genericTitle(status: number): string {
  return (
    genericTitles[status] ?? (status >= 500 ? 'Something went wrong on the server' : 'The request failed')
  );
}

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

/**
 * Field names as the form knows them. The server names fields by their JSON path; tolerate the
 * JSON Pointer (`/email`) and `body.`-prefixed spellings validators commonly produce.
 */
export function normalizeField(field: string): string {
  return field
    .replace(/^#?\//, '')
    .replace(/^body[./]/, '')
    .replaceAll('/', '.');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  const out: FieldError[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const message = str(item.message);
    if (message === undefined) continue;
    const code = str(item.code);
    out.push({ field: normalizeField(str(item.field) ?? ''), message, ...(code ? { code } : {}) });
  }
  return out;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors']);

/** The members of a problem document that RFC 9457 and Kalendaryo do not define themselves. */
function extensionsOf(doc: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(doc).filter(([k]) => !STANDARD_MEMBERS.has(k));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Turns a failed HTTP response into problem details, whatever its body looks like. */
export function parseProblem(res: FailedResponse): ProblemDetails {
  const retryAfterSeconds = parseRetryAfter(res.retryAfter, res.now);
  const looksJson = res.contentType !== null && /json/i.test(res.contentType);
  const doc = looksJson ? parseJson(res.body) : undefined;
  const fallbackCode = genericCodes[res.status] ?? `http.${res.status}`;
  const base: ProblemDetails = {
    type: 'about:blank',
    title: genericTitle(res.status),
    status: res.status,
    code: fallbackCode,
    errors: [],
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  if (!isRecord(doc)) return base;

  const detail = str(doc.detail);
  const instance = str(doc.instance);
  const extensions = extensionsOf(doc);
  return {
    ...base,
    type: str(doc.type) ?? base.type,
    title: str(doc.title) ?? base.title,
    // The HTTP status is authoritative; a document may disagree with it only by mistake.
    status: res.status,
    code: str(doc.code) ?? fallbackCode,
    errors: parseFieldErrors(doc.errors),
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    ...(extensions ? { extensions } : {}),
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
