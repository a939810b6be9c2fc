import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { StatusBanner } from './status-banner';

/** Moves focus into <main> so the skip link works in every browser. */
function skipToMain(event: React.MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  event.preventDefault();
  main.focus();
}

/**
 * After a client-side page change, put focus on the new page's heading, the way a full page load
 * would reset it; screen readers then read the new page. Filters kept in the query string do not
 * count as a page change.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page (pathname) changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [pathname]);
}

/** Wraps every page, signed in or not. */
export function RootLayout() {
  useFocusOnNavigation();
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link; the handler only keeps the router out of it */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <StatusBanner />
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
