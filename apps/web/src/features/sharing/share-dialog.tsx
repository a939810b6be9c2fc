import type { Calendar } from '@kalendaryo/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../app/api';
import { Dialog } from '../../app/ui/dialog';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { ShareLinks } from './share-links';
import { membersQuery, type Permission, peopleQuery, removeMember, setMember } from './sharing-api';
import { SubscribePanel } from './subscribe-panel';

const permissions: { value: Permission; label: string }[] = [
  { value: 'view', label: 'View' },
  { value: 'edit', label: 'Edit' },
  { value: 'manage', label: 'Manage' },
];

/** Colleagues the calendar is shared with, at view, edit or manage (managers change them). */
function People({ calendar }: { calendar: Calendar }) {
  const client = useQueryClient();
  const members = useQuery(membersQuery(calendar.id));
  const [q, setQ] = useState('');
  const search = useQuery({ ...peopleQuery(useDebouncedValue(q, 250)), enabled: q.length > 1 });
  const [chosen, setChosen] = useState('');
  const [permission, setPermission] = useState<Permission>('view');
  const manage = calendar.permission === 'manage';
  const refresh = () => client.invalidateQueries({ queryKey: membersQuery(calendar.id).queryKey });
  const set = useMutation({
    mutationFn: (v: { userId: string; permission: Permission }) =>
      setMember(calendar.id, v.userId, v.permission),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => removeMember(calendar.id, userId),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby={`people-${calendar.id}`} className="share-section">
      <h3 id={`people-${calendar.id}`}>People</h3>
      <ul className="share-members">
        {(members.data ?? []).map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} <small>{m.email}</small>
            </span>
            {manage ? (
              <>
                <select
                  aria-label={`Permission of ${m.name}`}
                  value={m.permission}
                  onChange={(e) => set.mutate({ userId: m.userId, permission: e.target.value as Permission })}
                >
                  {permissions.map((p) => (
                    <option key={p.value} value={p.value}>
                      {p.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button--danger-ghost button--small"
                  onClick={() => remove.mutate(m.userId)}
                >
                  Remove {m.name}
                </button>
              </>
            ) : (
              <span>{m.permission}</span>
            )}
          </li>
        ))}
      </ul>
      {manage ? (
        <div className="share-add">
          <label>
            Find a colleague
            <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or email" />
          </label>
          <select aria-label="Colleague" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose…</option>
            {(search.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
          <select
            aria-label="Permission"
            value={permission}
            onChange={(e) => setPermission(e.target.value as Permission)}
          >
            {permissions.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!chosen}
            onClick={() => set.mutate({ userId: chosen, permission })}
          >
            Share
          </button>
        </div>
      ) : null}
      {set.error || remove.error ? <p role="alert">{errorMessage(set.error ?? remove.error)}</p> : null}
    </section>
  );
}

/** Sharing of one calendar: colleagues, links (managers) and the user's own subscription link. */
export function ShareDialog({ calendar, onClose }: { calendar: Calendar; onClose: () => void }) {
  return (
    <Dialog title={`Share “${calendar.name}”`} open onClose={onClose} className="share-dialog">
      <People calendar={calendar} />
      {calendar.permission === 'manage' ? <ShareLinks calendarId={calendar.id} /> : null}
      <SubscribePanel calendarId={calendar.id} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
