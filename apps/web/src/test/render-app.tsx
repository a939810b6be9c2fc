import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../app/query-client';
import { createAppRouter } from '../app/router';

/**
 * The app's query cache and router (every route, loader and layout) opened at `path`, and a
 * person to use it. `RouterProvider` comes from 'react-router' itself: under the test runner
 * 'react-router/dom' can resolve to a second copy of the router whose context the pages do not see.
 */
export function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient);
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user, queryClient, ...view };
}
