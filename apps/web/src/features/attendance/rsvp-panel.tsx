import { type RsvpStatus, rsvpStatuses } from '@kalendaryo/contract/values';
import { rsvpLabels } from './labels';

interface RsvpPanelProps {
  answer: RsvpStatus | null;
  /** Offer "All occurrences" (a page about one occurrence of a series). */
  offerAll: boolean;
  all: boolean;
  onAll: (all: boolean) => void;
  busy: boolean;
  onAnswer: (status: RsvpStatus) => void;
  onEditNeeds: () => void;
}

/** "Will you come?": the signed-in participant's own answer and preparation needs. */
export function RsvpPanel({ answer, offerAll, all, onAll, busy, onAnswer, onEditNeeds }: RsvpPanelProps) {
  return (
    <section className="panel" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">Will you come?</h2>
      {offerAll ? (
        <label className="checkbox">
          <input type="checkbox" checked={all} onChange={(e) => onAll(e.target.checked)} /> All occurrences
        </label>
      ) : null}
      <fieldset className="rsvp-buttons">
        <legend className="visually-hidden">Your answer</legend>
        <div className="button-group">
          {rsvpStatuses.map((s) => (
            <button
              key={s}
              type="button"
              className={`button${answer === s ? ' button--primary' : ''}`}
              aria-pressed={answer === s}
              disabled={busy}
              onClick={() => onAnswer(s)}
            >
              {rsvpLabels[s]}
            </button>
          ))}
        </div>
      </fieldset>
      <button type="button" className="button button--ghost" onClick={onEditNeeds}>
        My preparation needs
      </button>
    </section>
  );
}
