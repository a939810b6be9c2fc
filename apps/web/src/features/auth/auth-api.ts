import type { ChangePasswordBody, LoginBody, Session, SetupBody, SetupStatus } from '@kalendaryo/contract';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../app/api';

export const sessionKey = ['session'] as const;
export const setupKey = ['setup'] as const;

/** Adopts a session the server just handed out; returns it for the query cache. */
function adopt(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The signed-in session, or null when nobody is signed in. */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async ({ signal }): Promise<Session | null> => {
    try {
      return adopt(await api<Session>('/auth/me', { signal }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw e;
    }
  },
  staleTime: 60_000,
});

export const setupQuery = queryOptions({
  queryKey: setupKey,
  queryFn: ({ signal }) => api<SetupStatus>('/setup', { signal }),
  staleTime: 5 * 60_000,
});

export async function signIn(body: LoginBody): Promise<Session> {
  return adopt(await api<Session>('/auth/session', { method: 'POST', body }));
}

export async function createFirstAdmin(body: SetupBody): Promise<Session> {
  return adopt(await api<Session>('/setup', { method: 'POST', body }));
}

export async function signOut(): Promise<void> {
  try {
    await api<void>('/auth/session', { method: 'DELETE' });
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(body: ChangePasswordBody): Promise<void> {
  return api<void>('/auth/password', { method: 'POST', body });
}
