import { useEffect, useSyncExternalStore } from 'react';
import { apiStatus } from './api-status';

/** One app-wide banner for rate limiting, outages and lost connections. */
export function StatusBanner() {
  const trouble = useSyncExternalStore(apiStatus.subscribe, apiStatus.get, apiStatus.get);

  // A rate limit lifts by itself: hide the banner when the server said it would.
  const seconds = trouble?.kind === 'rate-limited' ? trouble.retryAfterSeconds : undefined;
  useEffect(() => {
    if (seconds === undefined) return;
    const timer = window.setTimeout(() => apiStatus.dismiss(), Math.max(1, seconds) * 1000);
    return () => window.clearTimeout(timer);
  }, [seconds]);

  if (!trouble) return null;
  return (
    <div className={`banner banner--${trouble.kind}`} role="alert">
      <p>{trouble.message}</p>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => apiStatus.dismiss()}
      >
        Dismiss
      </button>
    </div>
  );
}
