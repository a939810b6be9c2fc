import type { CreatedShareLink, ShareLink } from '@kalendaryo/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../app/api';
import { CopyField } from './copy-field';
import { createLink, linksQuery, revokeLink } from './sharing-api';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function LinkRow({ link, onRevoke }: { link: ShareLink; onRevoke: () => void }) {
  return (
    <tr>
      <td>{link.access === 'view' ? (link.showDetails ? 'View' : 'View (busy only)') : 'Edit'}</td>
      <td>{link.expiresAt ? when(link.expiresAt) : 'Never'}</td>
      <td>
        {link.views}
        {link.maxViews ? ` of ${link.maxViews}` : ''}
      </td>
      <td>{when(link.createdAt)}</td>
      <td>{when(link.lastUsedAt)}</td>
      <td>{link.live ? 'Active' : 'Used up or expired'}</td>
      <td>
        <button type="button" className="button button--danger-ghost button--small" onClick={onRevoke}>
          Revoke
        </button>
      </td>
    </tr>
  );
}

/** Share links of a calendar (managers): make one, see its use, revoke it. */
export function ShareLinks({ calendarId }: { calendarId: string }) {
  const client = useQueryClient();
  const links = useQuery(linksQuery(calendarId));
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: linksQuery(calendarId).queryKey });
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createLink>[1]) => createLink(calendarId, body),
    onSuccess: (l) => {
      setCreated(l);
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeLink(calendarId, id),
    onSuccess: (_v, id) => {
      if (created?.id === id) setCreated(null);
      return refresh();
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const expires = String(f.get('expires') ?? '');
    const maxViews = Number(f.get('maxViews') ?? 0);
    create.mutate({
      access: f.get('access') === 'edit' ? 'edit' : 'view',
      showDetails: f.get('showDetails') === 'on',
      expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString().replace(/\.\d+Z$/, 'Z') : null,
      maxViews: maxViews > 0 ? maxViews : null,
    });
  };
  return (
    <section aria-labelledby={`links-${calendarId}`} className="share-section">
      <h3 id={`links-${calendarId}`}>Links</h3>
      <form onSubmit={submit} className="share-link-form">
        <label>
          Access
          <select name="access" defaultValue="view">
            <option value="view">View (anyone with the link)</option>
            <option value="edit">Edit (signed-in colleagues)</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="showDetails" defaultChecked /> Show details (otherwise only busy times)
        </label>
        <label>
          Expires on
          <input type="date" name="expires" />
        </label>
        <label>
          Most views
          <input type="number" name="maxViews" min={1} placeholder="No limit" />
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Create link
        </button>
      </form>
      {create.error ? <p role="alert">{errorMessage(create.error)}</p> : null}
      {created ? (
        <div className="created-link">
          <CopyField label="New link (shown only now)" value={created.url} />
        </div>
      ) : null}
      {links.data && links.data.length > 0 ? (
        <table className="share-links">
          <thead>
            <tr>
              <th>Access</th>
              <th>Expires</th>
              <th>Views</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.data.map((l) => (
              <LinkRow key={l.id} link={l} onRevoke={() => revoke.mutate(l.id)} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="field-hint">No links yet.</p>
      )}
    </section>
  );
}
