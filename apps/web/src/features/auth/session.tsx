import type { Session, User } from '@kalendaryo/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, use, useCallback, useMemo, useRef } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../app/api';
import { sessionKey, sessionQuery, signOut } from './auth-api';
import { signInPath } from './next-path';

interface SessionValue {
  user: User;
  csrfToken: string | null;
  isAdmin: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user; only valid inside <SessionProvider>, i.e. on pages behind sign-in. */
export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/**
 * Keeps the pages behind sign-in supplied with the session. When the session ends — signed out
 * here, expired, or ended in another tab (any request answering auth.required) — it sends the
 * person to /signin, remembering the page they were on.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(sessionQuery);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // While signing out, the session vanishes before navigation lands on /signin: render nothing
  // then, instead of redirecting to /signin?next=<this page>.
  const signingOut = useRef(false);

  const doSignOut = useCallback(async () => {
    try {
      await signOut();
    } catch (e) {
      // Already signed out on the server is fine; anything else means the cookie may still be
      // valid, so do not pretend the person is signed out.
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    signingOut.current = true;
    // Drop everything cached for this user before anyone else signs in on this browser.
    queryClient.clear();
    queryClient.setQueryData<Session | null>(sessionKey, null);
    await navigate('/signin', { replace: true });
    signingOut.current = false;
  }, [navigate, queryClient]);

  const value = useMemo<SessionValue | null>(
    () =>
      data
        ? {
            user: data.user,
            csrfToken: data.csrfToken,
            isAdmin: data.user.role === 'admin',
            signOut: doSignOut,
          }
        : null,
    [data, doSignOut],
  );

  if (!value) {
    if (signingOut.current) return null;
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return <SessionContext value={value}>{children}</SessionContext>;
}
