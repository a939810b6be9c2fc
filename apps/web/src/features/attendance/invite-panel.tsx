import type { AddParticipantBody, Guest } from '@kalendaryo/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../app/api';
import { TextField } from '../../app/ui/field';
import { type BusyLine, busyLines, lineText, type Span } from '../availability/availability-api';
import { BusyNotice, useBusyLines } from '../availability/busy-warning';
import { addParticipant, peopleQuery } from './attendance-api';

interface InviteProps {
  itemId: string;
  /** When the item (or the occurrence shown) takes place: colleagues busy then are pointed out. */
  span: Span | null;
  onDone: (text: string) => void;
  onError: (e: unknown) => void;
}

/** Invites to an item: colleagues found by name, and guests without an account. */
export function InvitePanel({ itemId, span, onDone, onError }: InviteProps) {
  const [guestErrors, setGuestErrors] = useState<Record<string, string>>({});
  // What the server found for the last invited colleague: busy or on leave at the item's time.
  const [conflicts, setConflicts] = useState<BusyLine[]>([]);
  const add = useMutation({
    mutationFn: (body: AddParticipantBody) => addParticipant(itemId, body),
    onSuccess: (p) => {
      setGuestErrors({});
      setConflicts(busyLines(p.conflicts ?? [], new Map(p.userId ? [[p.userId, p.name]] : [])));
      onDone(`Invited ${p.name}.`);
    },
    onError: (e) => {
      // The server names a guest's fields `guest.email`; the form calls them `email`.
      if (isApiError(e)) {
        setGuestErrors(
          Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.replace(/^guest\./, ''), v])),
        );
      }
      onError(e);
    },
  });
  return (
    <div className="invite-grid">
      <BusyNotice lines={conflicts} title="Invited, but not free at this time" />
      <InviteColleagues span={span} busy={add.isPending} onInvite={(userId) => add.mutate({ userId })} />
      <GuestForm
        busy={add.isPending}
        errors={guestErrors}
        onInvalid={setGuestErrors}
        onAdd={(guest, reset) => add.mutate({ guest }, { onSuccess: reset })}
      />
    </div>
  );
}

function InviteColleagues({
  span,
  busy,
  onInvite,
}: {
  span: Span | null;
  busy: boolean;
  onInvite: (userId: string) => void;
}) {
  const [q, setQ] = useState('');
  const people = useQuery(peopleQuery(q));
  // Whether each colleague found is free at the item's time, before anyone is invited.
  const lines = useBusyLines(people.data?.items ?? [], span);
  const notes = (id: string) =>
    lines
      .filter((l) => l.userId === id)
      .map((l) => lineText(l).slice(l.name.length + 3))
      .join(', ');
  return (
    <section className="panel" aria-labelledby="invite-staff">
      <h2 id="invite-staff">Invite colleagues</h2>
      <TextField
        name="people"
        label="Find a colleague"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
      />
      {people.data ? (
        people.data.items.length ? (
          <ul className="plain-list">
            {people.data.items.map((person) => (
              <li key={person.id}>
                {person.name} <span className="cell-note">{person.email}</span>{' '}
                {notes(person.id) ? <strong className="busy-note">— {notes(person.id)}</strong> : null}{' '}
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => onInvite(person.id)}
                >
                  Invite {person.name}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="cell-note">Nobody matches “{q}”.</p>
        )
      ) : null}
    </section>
  );
}

function GuestForm({
  busy,
  errors,
  onInvalid,
  onAdd,
}: {
  busy: boolean;
  errors: Record<string, string>;
  onInvalid: (errors: Record<string, string>) => void;
  onAdd: (guest: Guest, reset: () => void) => void;
}) {
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const value = (k: string) => String(data.get(k) ?? '').trim() || null;
    const name = value('name');
    if (!name) {
      onInvalid({ name: 'Enter the guest’s name.' });
      return;
    }
    onAdd({ name, organisation: value('organisation'), email: value('email'), phone: value('phone') }, () =>
      form.reset(),
    );
  };
  return (
    <form className="panel" aria-label="Add a guest" onSubmit={submit} noValidate>
      <h2>Add a guest</h2>
      <TextField name="name" label="Guest name" error={errors.name} required />
      <TextField name="organisation" label="Organisation" error={errors.organisation} />
      <TextField name="email" label="Guest email" type="email" error={errors.email} />
      <TextField name="phone" label="Phone" type="tel" error={errors.phone} />
      <button type="submit" className="button button--primary" disabled={busy}>
        Add guest
      </button>
    </form>
  );
}
