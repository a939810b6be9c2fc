import type { Participant, ReportRow } from '@kalendaryo/contract';
import { formatDateTime } from '../../app/time';
import { rsvpFor } from './attendance-api';
import { rsvpLabels, statusLabels } from './labels';
import { needsText } from './needs-dialog';

interface TableProps {
  participants: readonly Participant[];
  occurrence: string | null;
  /** Each participant's attendance, for those who manage the item (from its report). */
  attendance: ReadonlyMap<string, ReportRow> | null;
  userId: string;
  busy: { checking: boolean; removing: boolean };
  onEditNeeds: (p: Participant) => void;
  onCheck: (p: Participant, action: 'check-in' | 'check-out') => void;
  onRemove: (p: Participant) => void;
}

/** The participants with their answers, needs and (for those who manage it) attendance and actions. */
export function ParticipantsTable({ participants, attendance, ...row }: TableProps) {
  const manage = attendance !== null;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Participants</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Answer</th>
            {manage ? <th scope="col">Attendance</th> : null}
            <th scope="col">Preparation needs</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <ParticipantRow
              key={p.id}
              participant={p}
              manage={manage}
              state={attendance?.get(p.id)}
              {...row}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = Omit<TableProps, 'participants' | 'attendance'> & {
  participant: Participant;
  manage: boolean;
  state: ReportRow | undefined;
};

function ParticipantRow({
  participant: p,
  manage,
  state,
  occurrence,
  userId,
  busy,
  onEditNeeds,
  onCheck,
  onRemove,
}: RowProps) {
  const answer = rsvpFor(p, occurrence);
  const checkedIn = state?.status === 'checked_in';
  return (
    <tr>
      <th scope="row">
        {p.name}
        <span className="cell-note">
          {[p.guest ? 'Guest' : null, p.walkIn ? 'Walk-in' : null, p.organisation, p.email]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </th>
      <td>{answer ? rsvpLabels[answer] : 'No answer'}</td>
      {manage ? (
        <td>
          {state ? statusLabels[state.status] : '—'}
          {state?.checkedInAt ? <span className="cell-note">{formatDateTime(state.checkedInAt)}</span> : null}
        </td>
      ) : null}
      <td>{needsText(p.needs) || '—'}</td>
      <td>
        <div className="button-group">
          {manage || p.userId === userId ? (
            <button
              type="button"
              className="button button--small"
              aria-label={`Edit needs of ${p.name}`}
              onClick={() => onEditNeeds(p)}
            >
              Needs
            </button>
          ) : null}
          {manage ? (
            <button
              type="button"
              className="button button--small"
              aria-label={`${checkedIn ? 'Check out' : 'Check in'} ${p.name}`}
              disabled={busy.checking}
              onClick={() => onCheck(p, checkedIn ? 'check-out' : 'check-in')}
            >
              {checkedIn ? 'Check out' : 'Check in'}
            </button>
          ) : null}
          {manage ? (
            <button
              type="button"
              className="button button--small button--danger-ghost"
              aria-label={`Remove ${p.name}`}
              disabled={busy.removing}
              onClick={() => onRemove(p)}
            >
              Remove
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}
