import type { Participant, PreparationNeeds } from '@kalendaryo/contract';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { TextField } from '../../app/ui/field';
import { updateNeeds } from './attendance-api';

const needLabels: Record<keyof PreparationNeeds, string> = {
  dietary: 'Dietary',
  accessibility: 'Accessibility',
  transport: 'Transport',
};

/** "Dietary: halal; Transport: pick-up from Cotabato" — the needs a participant named, in one line. */
export const needsText = (n: PreparationNeeds) =>
  (Object.keys(needLabels) as (keyof PreparationNeeds)[])
    .filter((k) => n[k])
    .map((k) => `${needLabels[k]}: ${n[k]}`)
    .join('; ');

/** Edits what one participant needs to take part: dietary, accessibility, transport. */
export function NeedsDialog({
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
    mutationFn: (needs: PreparationNeeds) => updateNeeds(itemId, participant!.id, needs),
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
