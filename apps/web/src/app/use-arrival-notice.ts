import { useState } from 'react';
import { useLocation } from 'react-router';

/**
 * The message a page was sent here with (`navigate(to, { state: { notice } })`), e.g. "Requested
 * Van 1 for …" after a booking made from this page. Read once, when the page mounts.
 */
export function useArrivalNotice(): string | null {
  const location = useLocation();
  const [notice] = useState(() => {
    const state = location.state as { notice?: unknown } | null;
    return typeof state?.notice === 'string' ? state.notice : null;
  });
  return notice;
}
