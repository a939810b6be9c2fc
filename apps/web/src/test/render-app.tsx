import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { createQueryClient } from '../app/query-client';
import { createAppRouter } from '../app/router';
import { requireSession } from '../features/auth/loaders';
import { SessionProvider } from '../features/auth/session';

// `RouterProvider` comes from 'react-router' itself: under the test runner 'react-router/dom' can
// resolve to a second copy of the router whose context the pages do not see.

function renderWith(
  router: Parameters<typeof RouterProvider>[0]['router'],
  queryClient = createQueryClient(),
) {
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user, queryClient, router, ...view };
}

/** The app's query cache and router (every route, loader and layout) opened at `path`, and a person to use it. */
export function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  const queryClient = createQueryClient();
  return renderWith(createAppRouter(queryClient), queryClient);
}

/**
 * One component that no route shows on its own (a popover, a panel) at `path`, inside what every
 * page behind sign-in has around it: the query cache, a router, and the session, loaded before
 * anything renders as the app's loader does. Signed out, the router lands on "Signed out".
 */
export function renderSignedIn(element: ReactNode, path = '/') {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      {
        loader: requireSession(queryClient),
        hydrateFallbackElement: <p>Loading…</p>,
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children: [{ path: '*', element }],
      },
      { path: '/signin', element: <p>Signed out</p> },
    ],
    { initialEntries: [path] },
  );
  return renderWith(router, queryClient);
}
