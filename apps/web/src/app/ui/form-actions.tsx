import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A form's primary submit button (disabled while it is sending) and a Cancel link to `cancelTo`. */
export function FormActions({
  pending,
  cancelTo,
  children,
}: {
  pending: boolean;
  cancelTo: string;
  children: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" disabled={pending}>
        {children}
      </button>
      <Link className="button button--ghost" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}
