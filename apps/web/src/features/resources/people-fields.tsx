import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { SelectField } from '../../app/ui/field';
import { roleLabels } from '../admin/format';
import { matchesPerson, peopleQuery } from './people';

/** The person a facilitator resource stands for. */
export function FacilitatorField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const people = useQuery(peopleQuery);
  const options = (people.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: 'A former colleague' });
  return (
    <SelectField
      name="userId"
      label="Facilitator"
      hint="The colleague whose time this resource books."
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error ?? (people.isError ? 'The list of colleagues could not be loaded.' : undefined)}
      options={[
        { value: '', label: people.isPending ? 'Loading colleagues…' : 'Choose a person' },
        ...options,
      ]}
    />
  );
}

/**
 * Who approves this resource's bookings: a filterable list of colleagues with checkboxes. None
 * chosen means coordinators and administrators approve.
 */
export function ApproversField({
  value,
  onChange,
}: {
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const people = useQuery(peopleQuery);
  const [q, setQ] = useState('');
  const filterId = useId();
  const chosen = new Set(value);
  const all = people.data ?? [];
  const shown = all.filter((p) => chosen.has(p.id) || matchesPerson(p, q)).slice(0, 60);
  const names = all.filter((p) => chosen.has(p.id)).map((p) => p.name);
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));

  return (
    <fieldset className="check-group approvers">
      <legend>Approvers</legend>
      <p className="field-hint">
        {names.length > 0
          ? `Decided by ${names.join(', ')}; administrators can stand in.`
          : 'No one chosen: coordinators and administrators approve requests.'}
      </p>
      <div className="field">
        <label htmlFor={filterId}>Find a colleague</label>
        <input id={filterId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {people.isPending ? <p role="status">Loading colleagues…</p> : null}
      {people.isError ? <p className="field-error">The list of colleagues could not be loaded.</p> : null}
      <ul className="check-list">
        {shown.map((p) => (
          <li key={p.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(p.id)}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
              <span>
                {p.name} <span className="muted">· {roleLabels[p.role]}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
