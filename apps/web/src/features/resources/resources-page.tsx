import type { Resource } from '@kalendaryo/contract';
import { isOneOf, resourceStatuses, resourceTypes } from '@kalendaryo/contract/values';
import { isApproverRole } from '@kalendaryo/domain/office/index';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { AreaTabs } from '../../app/ui/area-tabs';
import { Dialog } from '../../app/ui/dialog';
import { SelectField } from '../../app/ui/field';
import { PagedList } from '../../app/ui/paged-list';
import { useArrivalNotice } from '../../app/use-arrival-notice';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { canRequest } from '../bookings/permissions';
import { resourceStatusLabels, resourceTypeLabels, resourceTypePlurals } from './labels';
import { describeRules, filtersFromSearch, searchFromFilters } from './resource-form';
import { type ResourceFilters, resourcesKey, resourcesQuery, retireResource } from './resources-api';

export const resourceTabs = [
  { to: '/resources', label: 'List' },
  { to: '/resources/timeline', label: 'Timeline' },
  { to: '/resources/utilisation', label: 'Utilisation' },
] as const;

function ResourceFiltersBar({
  filters,
  onChange,
}: {
  filters: ResourceFilters;
  onChange: (f: ResourceFilters) => void;
}) {
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
      <form className="filters" onSubmit={onSubmit} aria-label="Filter resources">
        <div className="field">
          <label htmlFor="resource-search">Search resources</label>
          <input
            id="resource-search"
            type="search"
            placeholder="Name, location or description"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <SelectField
          name="type-filter"
          label="Filter by type"
          value={filters.type}
          onChange={(e) =>
            onChange({ ...filters, type: isOneOf(resourceTypes, e.target.value) ? e.target.value : '' })
          }
          options={[
            { value: '', label: 'All types' },
            ...resourceTypes.map((t) => ({ value: t, label: resourceTypePlurals[t] })),
          ]}
        />
        <SelectField
          name="status-filter"
          label="Filter by status"
          value={filters.status}
          onChange={(e) =>
            onChange({ ...filters, status: isOneOf(resourceStatuses, e.target.value) ? e.target.value : '' })
          }
          options={[
            { value: '', label: 'Any status' },
            ...resourceStatuses.map((s) => ({ value: s, label: resourceStatusLabels[s] })),
          ]}
        />
      </form>
    </search>
  );
}

export const statusBadge = (status: Resource['status']) => (
  <span className={`badge badge--${status}`}>{resourceStatusLabels[status]}</span>
);

interface RowProps {
  resource: Resource;
  manage: boolean;
  request: boolean;
  back: string;
  onRetire: (r: Resource) => void;
}

function ResourceRow({ resource: r, manage: role, request, back, onRetire }: RowProps) {
  const manage = r.canManage ?? role;
  const bookable = r.status === 'available';
  return (
    <tr className={r.status === 'retired' ? 'row--inactive' : undefined}>
      <th scope="row">
        {r.name}
        {r.description ? <span className="cell-note">{r.description}</span> : null}
      </th>
      <td>{resourceTypeLabels[r.type]}</td>
      <td>{statusBadge(r.status)}</td>
      <td>{r.location ?? '—'}</td>
      <td>{r.capacity ?? '—'}</td>
      <td className="cell-rules">{r.status === 'retired' ? '—' : describeRules(r)}</td>
      <td>
        <div className="row-actions">
          {request && bookable ? (
            <Link
              className="button button--small"
              to={`/bookings/new?${new URLSearchParams({ resourceId: r.id, back })}`}
              aria-label={`Book ${r.name}`}
            >
              Book
            </Link>
          ) : null}
          <Link
            className="button button--small button--ghost"
            to={`/resources/timeline?${new URLSearchParams({ type: r.type })}`}
            aria-label={`Timeline of ${resourceTypePlurals[r.type].toLowerCase()} (${r.name})`}
          >
            Timeline
          </Link>
          {manage ? (
            <Link
              className="button button--small button--ghost"
              to={`/resources/${r.id}/edit`}
              aria-label={`Edit ${r.name}`}
            >
              Edit
            </Link>
          ) : null}
          {manage && r.status !== 'retired' ? (
            <button
              type="button"
              className="button button--small button--danger-ghost"
              aria-label={`Retire ${r.name}`}
              onClick={() => onRetire(r)}
            >
              Retire
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** Resources: the list with filters and search; coordinators and administrators add, edit and retire. */
export function ResourcesPage() {
  useDocumentTitle('Resources');
  const { user } = useSession();
  const manage = isApproverRole(user.role);
  const queryClient = useQueryClient();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const query = useInfiniteQuery(resourcesQuery(filters));
  const resources = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [retiring, setRetiring] = useState<Resource | null>(null);
  const [notice, setNotice] = useState<string | null>(useArrivalNotice());
  const retire = useMutation({
    mutationFn: (r: Resource) => retireResource(r.id),
    onSuccess: (_, r) => {
      setRetiring(null);
      setNotice(`Retired ${r.name}. Its past bookings are kept; it can no longer be booked.`);
      void queryClient.invalidateQueries({ queryKey: resourcesKey });
    },
  });
  const back = `${location.pathname}${location.search}`;

  return (
    <>
      <div className="page-header">
        <h1>Resources</h1>
        {manage ? (
          <Link className="button button--primary" to="/resources/new">
            New resource
          </Link>
        ) : null}
      </div>
      <AreaTabs label="Resource views" tabs={resourceTabs} />
      <FormMessage tone="success">{notice}</FormMessage>
      <ResourceFiltersBar
        filters={filters}
        onChange={(f) => setParams(searchFromFilters(f), { replace: true })}
      />
      <PagedList
        query={query}
        count={resources.length}
        noun={['resource', 'resources']}
        loading="Loading resources…"
        empty="No resources match these filters."
      >
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="table-scroll" aria-label="Resources table" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Resources of the office</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Location</th>
                <th scope="col">Capacity</th>
                <th scope="col">Booking rules</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => (
                <ResourceRow
                  key={r.id}
                  resource={r}
                  manage={manage}
                  request={canRequest(user.role)}
                  back={back}
                  onRetire={(x) => {
                    retire.reset();
                    setRetiring(x);
                  }}
                />
              ))}
            </tbody>
          </table>
        </section>
      </PagedList>
      {retiring ? (
        <Dialog title={`Retire ${retiring.name}?`} open onClose={() => setRetiring(null)}>
          <p>
            {retiring.name} will no longer be offered for booking. Bookings already made stay on record;
            cancel future ones that cannot go ahead.
          </p>
          <FormMessage tone="error">{retire.isError ? errorMessage(retire.error) : null}</FormMessage>
          <div className="form-actions">
            <button
              type="button"
              className="button button--danger"
              disabled={retire.isPending}
              onClick={() => retire.mutate(retiring)}
            >
              Retire resource
            </button>
            <button
              type="button"
              className="button button--ghost"
              data-autofocus
              onClick={() => setRetiring(null)}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
