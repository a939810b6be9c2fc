import type { User } from '@kalendaryo/contract';
import { isOneOf, roles, type UserStatusFilter, userStatusFilters } from '@kalendaryo/contract/values';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AccessDenied } from '../../app/access-denied';
import { ApiError } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { SelectField } from '../../app/ui/field';
import { PagedList } from '../../app/ui/paged-list';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { useDocumentTitle } from '../../app/use-document-title';
import { sessionKey } from '../auth/auth-api';
import { useSession } from '../auth/session';
import { roleLabels } from './format';
import { NewUserForm, roleOptions } from './new-user-form';
import { ChangeRoleDialog, ToggleActiveDialog } from './user-dialogs';
import { type UserFilters, usersKey, usersQuery } from './users-api';
import { filtersFromSearch, replaceUser, searchFromFilters } from './users-state';
import { UsersTable } from './users-table';

const statusLabels: Record<UserStatusFilter, string> = {
  all: 'Active and inactive',
  active: 'Active only',
  inactive: 'Inactive only',
};
const statusOptions = userStatusFilters.map((s) => ({ value: s, label: statusLabels[s] }));

/** The filter bar; the search text is applied as the person types (debounced) or on Enter. */
function UserFiltersBar({ filters, onChange }: { filters: UserFilters; onChange: (f: UserFilters) => void }) {
  const [text, setText] = useState(filters.q);
  const debounced = useDebouncedValue(text);
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the typed text only
  useEffect(() => {
    if (debounced.trim() !== filters.q) onChange({ ...filters, q: debounced });
  }, [debounced]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q: text });
  };

  return (
    <search>
      <form className="filters" onSubmit={onSubmit} aria-label="Filter users">
        <div className="field">
          <label htmlFor="user-search">Search</label>
          <input
            id="user-search"
            type="search"
            name="q"
            placeholder="Name or email"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <SelectField
          name="role-filter"
          label="Filter by role"
          value={filters.role}
          onChange={(e) =>
            onChange({ ...filters, role: isOneOf(roles, e.target.value) ? e.target.value : '' })
          }
          options={[{ value: '', label: 'All roles' }, ...roleOptions]}
        />
        <SelectField
          name="status-filter"
          label="Filter by status"
          value={filters.status}
          onChange={(e) =>
            onChange({
              ...filters,
              status: isOneOf(userStatusFilters, e.target.value) ? e.target.value : 'all',
            })
          }
          options={statusOptions}
        />
      </form>
    </search>
  );
}

type Pending = { kind: 'role' | 'active'; user: User } | null;

export function UsersPage() {
  useDocumentTitle('Users');
  const { user: me } = useSession();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const [showNew, setShowNew] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const newUserId = useId();

  const query = useInfiniteQuery(usersQuery(filters));
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilters = (next: UserFilters) => setSearchParams(searchFromFilters(next), { replace: true });

  const onUpdated = (updated: User, message: string) => {
    queryClient.setQueriesData({ queryKey: usersKey }, (data: Parameters<typeof replaceUser>[0]) =>
      replaceUser(data, updated),
    );
    void queryClient.invalidateQueries({ queryKey: usersKey });
    // Changing one's own role changes what this session may do.
    if (updated.id === me.id) void queryClient.invalidateQueries({ queryKey: sessionKey });
    setPending(null);
    setNotice(message);
  };

  if (query.error instanceof ApiError && query.error.status === 403) return <AccessDenied />;

  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <button
          type="button"
          className="button button--primary"
          aria-expanded={showNew}
          aria-controls={newUserId}
          onClick={() => setShowNew((s) => !s)}
        >
          New user
        </button>
      </div>
      <FormMessage tone="success">{notice}</FormMessage>
      {showNew ? (
        <NewUserForm
          id={newUserId}
          onCancel={() => setShowNew(false)}
          onCreated={(created) => {
            setShowNew(false);
            setNotice(`Created ${created.name} (${created.email}) as ${roleLabels[created.role]}.`);
            void queryClient.invalidateQueries({ queryKey: usersKey });
          }}
        />
      ) : null}

      <UserFiltersBar filters={filters} onChange={setFilters} />

      <PagedList
        query={query}
        count={users.length}
        noun={['user', 'users']}
        loading="Loading users…"
        empty="No users match these filters."
        showNextPageError
      >
        <UsersTable
          users={users}
          currentUserId={me.id}
          timeZone={me.timeZone}
          onChangeRole={(u) => setPending({ kind: 'role', user: u })}
          onToggleActive={(u) => setPending({ kind: 'active', user: u })}
        />
      </PagedList>

      {pending?.kind === 'role' ? (
        <ChangeRoleDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={(u) => onUpdated(u, `${u.name} is now ${roleLabels[u.role]}.`)}
        />
      ) : null}
      {pending?.kind === 'active' ? (
        <ToggleActiveDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={(u) => onUpdated(u, `${u.name} is now ${u.active ? 'active' : 'inactive'}.`)}
        />
      ) : null}
    </>
  );
}
