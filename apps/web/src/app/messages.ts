import type { ApiErrorCode, ProblemDetails } from './problem';

/** "30 seconds", "1 minute", "about 3 minutes": how long to wait, in words. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  if (s % 60 === 0) return m === 1 ? '1 minute' : `${m} minutes`;
  return `about ${m} minutes`;
}

/** "3 days", "1 day". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Network failures (no HTTP response at all) carry this status. */
export const NETWORK_STATUS = 0;

const UNREACHABLE = 'Kalendaryo cannot be reached. Check your connection and try again.';
const UNAVAILABLE = 'Kalendaryo is temporarily unavailable. Try again in a moment.';
const SERVER_FAULT =
  'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';

/**
 * What the browser says instead of the server's words, by the contract's codes: failures whose
 * title tells a person nothing they can act on. Keyed by code, so a code the catalogue drops
 * stops this from compiling.
 */
export const messages: Partial<Record<ApiErrorCode, string>> = {
  'network.unreachable': UNREACHABLE,
  'database.unavailable': UNAVAILABLE,
  'server.shutting_down': UNAVAILABLE,
  'server.internal': SERVER_FAULT,
  'auth.csrf_failed': 'Your session needs refreshing. Reload the page and try again.',
};

/** What to tell a person about a failed request, in one or two plain sentences. */
export function friendlyMessage(
  problem: Pick<ProblemDetails, 'status' | 'code' | 'title' | 'detail' | 'retryAfterSeconds'>,
): string {
  if (problem.status === 429) {
    // With Retry-After we state the wait ourselves (a detail tends to repeat it in other words).
    if (problem.retryAfterSeconds !== undefined) {
      return `${sentence(problem.title)} Wait ${formatWait(problem.retryAfterSeconds)} before trying again.`;
    }
    return `${sentence(problem.detail ?? problem.title)} Wait a moment before trying again.`;
  }
  const own = messages[problem.code];
  if (own) return own;
  // Whatever the code, a gateway's failure or a server fault reads the same to a person.
  if (problem.status === NETWORK_STATUS || problem.status === 502 || problem.status === 504)
    return UNREACHABLE;
  if (problem.status === 503) return UNAVAILABLE;
  if (problem.status >= 500) return SERVER_FAULT;
  return sentence(problem.detail ?? problem.title);
}
