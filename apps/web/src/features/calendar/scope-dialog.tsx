import type { EditScope } from '@kalendaryo/contract';
import { Dialog } from '../../app/ui/dialog';

interface Props {
  open: boolean;
  /** What is being done to the occurrence of a series. */
  action: 'change' | 'delete';
  /** Set when only some scopes make sense (e.g. changing the rule applies to more than one event). */
  thisDisabledReason?: string | null | undefined;
  busy?: boolean;
  onChoose: (scope: EditScope) => void;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null | undefined;
}

/**
 * "Change only this event, this and following, or all events?" asked before an occurrence of a
 * repeating series is moved, edited or deleted (SCOPE.md §1: scope this / future / all).
 */
export function ScopeDialog({
  open,
  action,
  thisDisabledReason,
  busy,
  onChoose,
  onCancel,
  returnFocus,
}: Props) {
  const verb = action === 'delete' ? 'Delete' : 'Change';
  return (
    <Dialog
      title={action === 'delete' ? 'Delete a repeating event' : 'Change a repeating event'}
      open={open}
      onClose={onCancel}
      returnFocus={returnFocus}
      className="scope-dialog"
    >
      <p>This event is part of a series. {verb} which events?</p>
      {thisDisabledReason ? <p className="field-hint">{thisDisabledReason}</p> : null}
      <div className="scope-choices">
        <button
          type="button"
          className="button"
          data-autofocus={thisDisabledReason ? undefined : true}
          disabled={busy || !!thisDisabledReason}
          onClick={() => onChoose('this')}
        >
          Only this event
        </button>
        <button
          type="button"
          className="button"
          data-autofocus={thisDisabledReason ? true : undefined}
          disabled={busy}
          onClick={() => onChoose('future')}
        >
          This and following events
        </button>
        <button
          type="button"
          className={action === 'delete' ? 'button button--danger-ghost' : 'button'}
          disabled={busy}
          onClick={() => onChoose('all')}
        >
          All events
        </button>
      </div>
      <div className="form-actions dialog-actions">
        <button type="button" className="button button--ghost" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
