import type { Role } from '@kalendaryo/contract';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../features/auth/session';
import { useDocumentTitle } from './use-document-title';

export function AccessDenied() {
  useDocumentTitle('Access denied');
  return (
    <div className="access-denied" role="alert">
      <h1>Access denied</h1>
      <p>You don't have access to this page. If you need it for your work, ask an administrator.</p>
      <p>
        <Link to="/calendar">Go to the calendar</Link>
      </p>
    </div>
  );
}

/** Shows its children only to the given roles; everyone else sees "Access denied". */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  return roles.includes(user.role) ? children : <AccessDenied />;
}
