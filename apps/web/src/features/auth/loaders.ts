import type { QueryClient } from '@tanstack/react-query';
import { type LoaderFunctionArgs, redirect } from 'react-router';
import { sessionQuery, setupQuery } from './auth-api';
import { safeNextPath, signInPath } from './next-path';

const pathOf = (request: Request): string => {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
};

/** Pages behind sign-in: send strangers to /signin (or /setup on a fresh install). */
export const requireSession =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (session) return null;
    const setup = await queryClient.fetchQuery(setupQuery);
    if (setup.needsSetup) throw redirect('/setup');
    throw redirect(signInPath(pathOf(request)));
  };

/** /signin: the signed-in go where they were heading; a fresh install goes to /setup. */
export const signInLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect(safeNextPath(new URL(request.url).searchParams.get('next')));
    const setup = await queryClient.fetchQuery(setupQuery);
    if (setup.needsSetup) throw redirect('/setup');
    return null;
  };

/** /setup: only while Kalendaryo has no users. */
export const setupLoader = (queryClient: QueryClient) => async () => {
  const setup = await queryClient.fetchQuery(setupQuery);
  if (setup.needsSetup) return null;
  const session = await queryClient.ensureQueryData(sessionQuery);
  throw redirect(session ? '/calendar' : '/signin');
};
