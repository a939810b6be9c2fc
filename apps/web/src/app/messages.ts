import type { ProblemDetails } from './problem';

/** "30 seconds", "1 minute", "about 3 minutes": how long to wait, in words. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  if (s % 60 === 0) return m === 1 ? '1 minute' : `${m} minutes`;
  return `about ${m} minutes`;
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Network failures (no HTTP response at all) carry this status. */
export const NETWORK_STATUS = 0;

/** What to tell a person about a failed request, in one or two plain sentences. */
export function friendlyMessage(
  problem: Pick<ProblemDetails, 'status' | 'code' | 'title' | 'detail' | 'retryAfterSeconds'>,
): string {
  // No response, or a proxy in front of the server could not reach it.
  if (problem.status === NETWORK_STATUS || problem.status === 502 || problem.status === 504) {
    return 'Kalendaryo cannot be reached. Check your connection and try again.';
  }
  if (problem.status === 429) {
    // With Retry-After we state the wait ourselves (a detail tends to repeat it in other words).
    if (problem.retryAfterSeconds !== undefined) {
      return `${sentence(problem.title)} Wait ${formatWait(problem.retryAfterSeconds)} before trying again.`;
    }
    return `${sentence(problem.detail ?? problem.title)} Wait a moment before trying again.`;
  }
  if (problem.code === 'database.unavailable' || problem.status === 503) {
    return 'Kalendaryo is temporarily unavailable. Try again in a moment.';
  }
  if (problem.status >= 500) {
    return 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';
  }
  return sentence(problem.detail ?? problem.title);
}
