/**
 * The API as component tests see it: `globalThis.fetch` answering `/api/v1/...` requests from a
 * table of routes, with bodies typed by the contract. Everything inside the page — the app's
 * client, its error parsing, the query cache, the router — runs for real.
 */
import type { ErrorCode, Problem } from '@kalendaryo/contract';
import { errorCatalogue, problemType } from '@kalendaryo/contract/errors';
import { vi } from 'vitest';

export interface SentRequest {
  method: string;
  /** The path after `/api/v1`, e.g. `/bookings/approve`. */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body, if any. */
  body: unknown;
}

export interface Answer {
  status: number;
  body?: unknown;
  contentType?: string;
}

/** Answers a request, or says nothing (undefined): then it gets the 404 of an unknown path. */
export type Route = (req: SentRequest) => Answer | undefined;

/** A success carrying `body`, which must have the type the contract gives that answer. */
export const reply = <T>(body: T, status = 200): Answer => ({ status, body });

/** The problem document the server sends for `code`, with its catalogue status and title. */
export function problem<X extends object = object>(code: ErrorCode, detail?: string, extensions?: X): Answer {
  const { status, title } = errorCatalogue[code];
  const body: Problem & X = {
    type: problemType(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(extensions as X),
  };
  return { status, body, contentType: 'application/problem+json' };
}

/** Whether a route key (`'GET /items/:id'`) covers `key` (`'GET /items/3d1c…'`). */
function covers(pattern: string, key: string): boolean {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${source}$`).test(key);
}

/**
 * Replaces `fetch` with the routes, keyed `'<METHOD> <path>'` (`'GET /resources'`); a `:name`
 * segment stands for any one segment (`'GET /items/:id'`), and an exact key wins over a pattern.
 * A request no route answers gets the server's 404 and is listed in `unanswered`, so a test
 * notices a path the page asks for but the test did not expect. The unread count of the
 * navigation answers 0 unless `routes` says otherwise.
 */
/** JSON bodies parsed; others (an uploaded calendar file) kept as their text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function stubApi(given: Record<string, Route>) {
  // The navigation of every page behind sign-in shows the unread count: none, unless a test says.
  const routes: Record<string, Route> = {
    'GET /notifications/unread-count': () => ({ status: 200, body: { unread: 0 } }),
    ...given,
  };
  const sent: SentRequest[] = [];
  const unanswered: string[] = [];
  const patterns = Object.keys(routes).filter((k) => k.includes(':'));
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://kalendaryo.test');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const req: SentRequest = {
      method,
      path,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? parseBody(init.body) : undefined,
    };
    sent.push(req);
    const key = `${method} ${path}`;
    const pattern = patterns.find((p) => covers(p, key));
    const route = routes[key] ?? (pattern ? routes[pattern] : undefined);
    let answer = route?.(req);
    if (!answer) {
      unanswered.push(`${key}${url.search}`);
      answer = problem('request.not_found');
    }
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: { 'content-type': answer.contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    /** Every request the page sent, in order. */
    sent,
    unanswered,
    /** The requests sent to one route. */
    to: (method: string, path: string) => sent.filter((r) => r.method === method && r.path === path),
    /** The requests that change something (every method but GET), in order. */
    writes: () => sent.filter((r) => r.method !== 'GET'),
  };
}
