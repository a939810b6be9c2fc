import type { Participant } from '@kalendaryo/contract';
import type { RsvpStatus } from '@kalendaryo/contract/values';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../app/api';
import { FormMessage, type Notice } from '../../app/ui/alert';
import { useDocumentTitle } from '../../app/use-document-title';
import { spanOfItem } from '../availability/availability-api';
import {
  manualAttendance,
  participantsKey,
  participantsQuery,
  removeParticipant,
  reportQuery,
  rsvpFor,
  sendRsvp,
} from './attendance-api';
import { InvitePanel } from './invite-panel';
import { ItemAttendanceHeader, isSeries, useItemTarget } from './item-attendance';
import { rsvpLabels } from './labels';
import { NeedsDialog } from './needs-dialog';
import { ParticipantsTable } from './participants-table';
import { RsvpPanel } from './rsvp-panel';

/** Participants of an item: invitations, RSVPs, preparation needs and check-in by hand. */
export function ParticipantsPage() {
  useDocumentTitle('Participants');
  const { id, occurrence, item, canManage, user } = useItemTarget();
  const queryClient = useQueryClient();
  const list = useQuery(participantsQuery(id, occurrence));
  const report = useQuery({ ...reportQuery(id, occurrence), enabled: canManage });
  const [message, setMessage] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<Participant | null>(null);
  const [allOccurrences, setAllOccurrences] = useState(!occurrence);

  const done = (text: string) => {
    setMessage({ tone: 'success', text });
    void queryClient.invalidateQueries({ queryKey: participantsKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['attendance-report', id] });
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
  const counts = list.data?.counts;

  return (
    <section className="attendance-page">
      <ItemAttendanceHeader title="Participants" />
      <FormMessage tone={message?.tone ?? 'success'}>{message?.text}</FormMessage>

      {mine ? (
        <RsvpPanel
          answer={rsvpFor(mine, allOccurrences ? null : occurrence)}
          offerAll={isSeries(item.data) && !!occurrence}
          all={allOccurrences}
          onAll={setAllOccurrences}
          busy={rsvp.isPending}
          onAnswer={(s) => rsvp.mutate(s)}
          onEditNeeds={() => setEditing(mine)}
        />
      ) : null}

      {counts ? (
        <p className="rsvp-counts">
          Going <strong>{counts.going}</strong> · Maybe <strong>{counts.maybe}</strong> · Declined{' '}
          <strong>{counts.declined}</strong> · No answer <strong>{counts.noResponse}</strong>
        </p>
      ) : null}

      {canManage ? (
        <InvitePanel
          itemId={id}
          span={item.data ? spanOfItem(item.data, occurrence) : null}
          onDone={done}
          onError={failed}
        />
      ) : null}

      {list.isError ? <FormMessage tone="error">{errorMessage(list.error)}</FormMessage> : null}
      {list.isPending ? <p role="status">Loading participants…</p> : null}
      {list.data && participants.length === 0 ? <p>No participants yet.</p> : null}
      {participants.length > 0 ? (
        <ParticipantsTable
          participants={participants}
          occurrence={occurrence}
          attendance={canManage ? new Map((report.data?.rows ?? []).map((r) => [r.participantId, r])) : null}
          userId={user.id}
          busy={{ checking: manual.isPending, removing: remove.isPending }}
          onEditNeeds={setEditing}
          onCheck={(p, action) => manual.mutate({ p, action })}
          onRemove={(p) => remove.mutate(p)}
        />
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
