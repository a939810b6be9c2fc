import type { User } from '@kalendaryo/contract';
import { formatDateTime } from '../../app/time';
import { roleLabels } from './format';

interface UsersTableProps {
  users: readonly User[];
  currentUserId: string;
  timeZone: string | undefined;
  onChangeRole: (user: User) => void;
  onToggleActive: (user: User) => void;
}

export function UsersTable({
  users,
  currentUserId,
  timeZone,
  onChangeRole,
  onToggleActive,
}: UsersTableProps) {
  return (
    // A scrollable region must be reachable by keyboard so it can be scrolled without a mouse.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region, see above
    <section className="table-scroll" aria-label="Users table" tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">Users of Kalendaryo</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const isSelf = u.id === currentUserId;
            return (
              <tr key={u.id} className={u.active ? undefined : 'row--inactive'}>
                <th scope="row">
                  {u.name}
                  {isSelf ? <span className="muted"> (you)</span> : null}
                </th>
                <td>{u.email}</td>
                <td>{roleLabels[u.role]}</td>
                <td>
                  <span className={u.active ? 'badge badge--active' : 'badge badge--inactive'}>
                    {u.active ? 'Active' : 'Inactive'}
                  </span>
                </td>
                <td>
                  {u.lastSignInAt ? (
                    <time dateTime={u.lastSignInAt}>{formatDateTime(u.lastSignInAt, timeZone)}</time>
                  ) : (
                    'Never'
                  )}
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      aria-label={`Change role for ${u.name}`}
                      onClick={() => onChangeRole(u)}
                    >
                      Change role
                    </button>
                    {isSelf ? null : (
                      <button
                        type="button"
                        className={
                          u.active ? 'button button--small button--danger-ghost' : 'button button--small'
                        }
                        aria-label={`${u.active ? 'Deactivate' : 'Activate'} ${u.name}`}
                        onClick={() => onToggleActive(u)}
                      >
                        {u.active ? 'Deactivate' : 'Activate'}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
