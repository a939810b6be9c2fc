import type { FieldError } from '@kalendaryo/contract';
import { apiStatus } from './api-status';
import { friendlyMessage, NETWORK_STATUS } from './messages';
import { type ApiErrorCode, fieldErrorMap, type ProblemDetails, parseProblem, titleOf } from './problem';
import { buildQuery, type QueryParams } from './query-string';

/** A failed API call, carrying the server's problem details. */
export class ApiError extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** A code of the contract's error catalogue, or one of the browser's own (no answer at all). */
  readonly code: ApiErrorCode;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors: FieldError[];
  readonly retryAfterSeconds?: number;
  readonly extensions?: Record<string, unknown>;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors;
    if (problem.detail !== undefined) this.detail = problem.detail;
    if (problem.instance !== undefined) this.instance = problem.instance;
    if (problem.retryAfterSeconds !== undefined) this.retryAfterSeconds = problem.retryAfterSeconds;
    if (problem.extensions !== undefined) this.extensions = problem.extensions;
  }

  /** A sentence to show the person who made the request. */
  get friendly(): string {
    return friendlyMessage(this);
  }

  /** Field name → first message, for showing beside form inputs. */
  get fields(): Record<string, string> {
    return fieldErrorMap(this.errors);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Whether `e` is the API's refusal with `code` (a code the catalogue does not have does not compile). */
export const hasCode = <C extends ApiErrorCode>(e: unknown, code: C): e is ApiError & { code: C } =>
  isApiError(e) && e.code === code;

/** The message for any error a request or mutation may throw. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.friendly;
  return 'Something unexpected went wrong. Try again.';
}

// The CSRF token comes with the session (sign-in, setup, /auth/me) and must accompany every
// write made with the session cookie.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
/** Called when any request learns that the session has ended (401 auth.required). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  /** A body that is not JSON (an uploaded file), sent as it is with its content type. */
  text?: { contentType: string; body: string };
  signal?: AbortSignal;
  /** Extra request headers, e.g. `if-match` for writes of versioned things. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Report rate limiting and outages in the app-wide banner. On by default for reads; writes
   * come from forms that show the error themselves.
   */
  banner?: boolean;
}

export const API_BASE = '/api/v1';

function reportTrouble(error: ApiError): void {
  if (error.status === NETWORK_STATUS) {
    apiStatus.report({ kind: 'offline', message: error.friendly });
  } else if (error.status === 429) {
    apiStatus.report({
      kind: 'rate-limited',
      message: error.friendly,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    });
  } else if (error.status === 502 || error.status === 503 || error.status === 504) {
    apiStatus.report({ kind: 'unavailable', message: error.friendly });
  }
}

/** Calls the Kalendaryo API; resolves with the parsed JSON (undefined for 204) or throws ApiError. */
export async function api<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...req.headers,
  };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (req.text) headers['content-type'] = req.text.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const banner = req.banner ?? method === 'GET';

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${buildQuery(req.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(req.text ? { body: req.text.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const error = new ApiError({
      type: 'about:blank',
      title: titleOf('network.unreachable'),
      status: NETWORK_STATUS,
      code: 'network.unreachable',
      errors: [],
    });
    if (banner) reportTrouble(error);
    throw error;
  }

  if (res.ok) {
    apiStatus.recovered();
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = new ApiError(
    parseProblem({
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: await res.text().catch(() => ''),
      retryAfter: res.headers.get('retry-after'),
      now: Date.now(),
    }),
  );
  if (error.code === 'auth.required') for (const l of unauthorizedListeners) l();
  if (banner) reportTrouble(error);
  throw error;
}
