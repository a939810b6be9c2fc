import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage, isApiError } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { TextField } from '../../app/ui/field';
import { useDocumentTitle } from '../../app/use-document-title';
import {
  addParticipant,
  type Guest,
  manualAttendance,
  type Needs,
  type Participant,
  participantsKey,
  participantsQuery,
  peopleQuery,
  type RsvpStatus,
  removeParticipant,
  reportQuery,
  rsvpFor,
  rsvpLabels,
  sendRsvp,
  statusLabels,
  updateNeeds,
} from './attendance-api';
import { formatTime, ItemAttendanceHeader, isSeries, useItemTarget } from './item-attendance';

const needLabels: Record<keyof Needs, string> = {
  dietary: 'Dietary',
  accessibility: 'Accessibility',
  transport: 'Transport',
};

const needsText = (n: Needs) =>
  (Object.keys(needLabels) as (keyof Needs)[])
    .filter((k) => n[k])
    .map((k) => `${needLabels[k]}: ${n[k]}`)
    .join('; ');

/** Participants of an item: invitations, RSVPs, preparation needs and check-in by hand. */
export function ParticipantsPage() {
  useDocumentTitle('Participants');
  const { id, occurrence, item, canManage, user } = useItemTarget();
  const queryClient = useQueryClient();
  const list = useQuery(participantsQuery(id, occurrence));
  const report = useQuery({ ...reportQuery(id, occurrence), enabled: canManage });
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [editing, setEditing] = useState<Participant | null>(null);
  const [allOccurrences, setAllOccurrences] = useState(!occurrence);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: participantsKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['attendance-report', id] });
  };
  const done = (text: string) => {
    setMessage({ tone: 'success', text });
    refresh();
  };
  const failed = (e: unknown) => setMessage({ tone: 'error', text: errorMessage(e) });

  const rsvp = useMutation({
    mutationFn: (status: RsvpStatus) => sendRsvp(id, status, allOccurrences ? null : occurrence),
    onSuccess: (_, status) =>
      done(
        `Your answer: ${rsvpLabels[status]}${allOccurrences && isSeries(item.data) ? ' (all occurrences)' : ''}.`,
      ),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (p: Participant) => removeParticipant(id, p.id),
    onSuccess: (_, p) => done(`Removed ${p.name}.`),
    onError: failed,
  });
  const manual = useMutation({
    mutationFn: ({ p, action }: { p: Participant; action: 'check-in' | 'check-out' }) =>
      manualAttendance(id, p.id, action, occurrence),
    onSuccess: (_, { p, action }) =>
      done(`${action === 'check-in' ? 'Checked in' : 'Checked out'} ${p.name}.`),
    onError: failed,
  });

  const participants = list.data?.items ?? [];
  const mine = participants.find((p) => p.userId === user.id);
  const myAnswer = mine ? rsvpFor(mine, allOccurrences ? null : occurrence) : null;
  const stateOf = (p: Participant) => report.data?.rows.find((r) => r.participantId === p.id);
  const counts = list.data?.counts;

  return (
    <section className="attendance-page">
      <ItemAttendanceHeader title="Participants" />
      <FormMessage tone={message?.tone ?? 'success'}>{message?.text}</FormMessage>

      {mine ? (
        <section className="panel" aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">Will you come?</h2>
          {isSeries(item.data) && occurrence ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={allOccurrences}
                onChange={(e) => setAllOccurrences(e.target.checked)}
              />{' '}
              All occurrences
            </label>
          ) : null}
          <fieldset className="rsvp-buttons">
            <legend className="visually-hidden">Your answer</legend>
            <div className="button-group">
              {(['going', 'maybe', 'declined'] as const).map((s) => (
                <button
                  key={s}
                  type="button"
                  className={`button${myAnswer === s ? ' button--primary' : ''}`}
                  aria-pressed={myAnswer === s}
                  disabled={rsvp.isPending}
                  onClick={() => rsvp.mutate(s)}
                >
                  {rsvpLabels[s]}
                </button>
              ))}
            </div>
          </fieldset>
          <button type="button" className="button button--ghost" onClick={() => setEditing(mine)}>
            My preparation needs
          </button>
        </section>
      ) : null}

      {counts ? (
        <p className="rsvp-counts">
          Going <strong>{counts.going}</strong> · Maybe <strong>{counts.maybe}</strong> · Declined{' '}
          <strong>{counts.declined}</strong> · No answer <strong>{counts.noResponse}</strong>
        </p>
      ) : null}

      {canManage ? <Invite itemId={id} onDone={done} onError={failed} /> : null}

      {list.isError ? <FormMessage tone="error">{errorMessage(list.error)}</FormMessage> : null}
      {list.isPending ? <p role="status">Loading participants…</p> : null}
      {list.data && participants.length === 0 ? <p>No participants yet.</p> : null}
      {participants.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Participants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Answer</th>
                {canManage ? <th scope="col">Attendance</th> : null}
                <th scope="col">Preparation needs</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => {
                const state = stateOf(p);
                const answer = rsvpFor(p, occurrence);
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                      <span className="cell-note">
                        {[p.guest ? 'Guest' : null, p.walkIn ? 'Walk-in' : null, p.organisation, p.email]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </th>
                    <td>{answer ? rsvpLabels[answer] : 'No answer'}</td>
                    {canManage ? (
                      <td>
                        {state ? statusLabels[state.status] : '—'}
                        {state?.checkedInAt ? (
                          <span className="cell-note">{formatTime(state.checkedInAt)}</span>
                        ) : null}
                      </td>
                    ) : null}
                    <td>{needsText(p.needs) || '—'}</td>
                    <td>
                      <div className="button-group">
                        {canManage || p.userId === user.id ? (
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Edit needs of ${p.name}`}
                            onClick={() => setEditing(p)}
                          >
                            Needs
                          </button>
                        ) : null}
                        {canManage && state?.status !== 'checked_in' ? (
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Check in ${p.name}`}
                            disabled={manual.isPending}
                            onClick={() => manual.mutate({ p, action: 'check-in' })}
                          >
                            Check in
                          </button>
                        ) : null}
                        {canManage && state?.status === 'checked_in' ? (
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`Check out ${p.name}`}
                            disabled={manual.isPending}
                            onClick={() => manual.mutate({ p, action: 'check-out' })}
                          >
                            Check out
                          </button>
                        ) : null}
                        {canManage ? (
                          <button
                            type="button"
                            className="button button--small button--danger-ghost"
                            aria-label={`Remove ${p.name}`}
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(p)}
                          >
                            Remove
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      <NeedsDialog
        itemId={id}
        participant={editing}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          setEditing(null);
          done(`Saved the preparation needs of ${p.name}.`);
        }}
      />
    </section>
  );
}

function Invite({
  itemId,
  onDone,
  onError,
}: {
  itemId: string;
  onDone: (text: string) => void;
  onError: (e: unknown) => void;
}) {
  const [q, setQ] = useState('');
  const people = useQuery(peopleQuery(q));
  const [guestErrors, setGuestErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: { userId: string } | { guest: Guest }) => addParticipant(itemId, body),
    onSuccess: (p) => {
      setGuestErrors({});
      onDone(`Invited ${p.name}.`);
    },
    onError: (e) => {
      if (isApiError(e)) {
        const f = e.fields;
        setGuestErrors(Object.fromEntries(Object.entries(f).map(([k, v]) => [k.replace(/^guest\./, ''), v])));
      }
      onError(e);
    },
  });
  const addGuest = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const value = (k: string) => String(data.get(k) ?? '').trim() || null;
    const name = value('name');
    if (!name) {
      setGuestErrors({ name: 'Enter the guest’s name.' });
      return;
    }
    add.mutate(
      { guest: { name, organisation: value('organisation'), email: value('email'), phone: value('phone') } },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <div className="invite-grid">
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
                  <button
                    type="button"
                    className="button button--small"
                    disabled={add.isPending}
                    onClick={() => add.mutate({ userId: person.id })}
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
      <form className="panel" aria-label="Add a guest" onSubmit={addGuest} noValidate>
        <h2>Add a guest</h2>
        <TextField name="name" label="Guest name" error={guestErrors.name} required />
        <TextField name="organisation" label="Organisation" error={guestErrors.organisation} />
        <TextField name="email" label="Guest email" type="email" error={guestErrors.email} />
        <TextField name="phone" label="Phone" type="tel" error={guestErrors.phone} />
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          Add guest
        </button>
      </form>
    </div>
  );
}

function NeedsDialog({
  itemId,
  participant,
  onClose,
  onSaved,
}: {
  itemId: string;
  participant: Participant | null;
  onClose: () => void;
  onSaved: (p: Participant) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (needs: Needs) => updateNeeds(itemId, participant!.id, needs),
    onSuccess: (p) => {
      setError(null);
      onSaved(p);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const v = (k: string) => String(data.get(k) ?? '').trim() || null;
    save.mutate({ dietary: v('dietary'), accessibility: v('accessibility'), transport: v('transport') });
  };
  return (
    <Dialog
      title={participant ? `Preparation needs of ${participant.name}` : 'Preparation needs'}
      open={participant !== null}
      onClose={onClose}
    >
      {participant ? (
        <form onSubmit={submit} key={participant.id}>
          <FormMessage tone="error">{error}</FormMessage>
          <TextField name="dietary" label="Dietary" defaultValue={participant.needs.dietary ?? ''} />
          <TextField
            name="accessibility"
            label="Accessibility"
            defaultValue={participant.needs.accessibility ?? ''}
          />
          <TextField name="transport" label="Transport" defaultValue={participant.needs.transport ?? ''} />
          <div className="button-group">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              Save needs
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
