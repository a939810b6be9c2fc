import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { sessionKey } from '../features/auth/auth-api';
import { onUnauthorized } from './api';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';

/** The whole application: data cache, session watch and router. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));

  // Any request that finds the session gone (expired, signed out elsewhere) ends it here too;
  // the signed-in layout then sends the person to /signin.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(sessionKey, null)), [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
