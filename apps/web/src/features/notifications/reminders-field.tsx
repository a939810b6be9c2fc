import { REMINDER_MAX_MINUTES, REMINDERS_MAX, reminderPresets } from '@kalendaryo/contract/values';
import { type ReactNode, useId, useState } from 'react';
import { reminderLabel } from './format';

interface Props {
  legend: string;
  /** Minutes before the start, any order. */
  value: readonly number[];
  onChange: (minutes: number[]) => void;
  hint?: ReactNode;
  /** Shown after the chips, e.g. "Use my defaults". */
  children?: ReactNode;
  error?: string | undefined;
}

const sorted = (minutes: Iterable<number>) => [...new Set(minutes)].sort((a, b) => a - b);

/** Why a typed number of minutes cannot be a reminder, or null when it can. */
export function customMinutesProblem(text: string, current: readonly number[]): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0)
    return 'Give a whole number of minutes, 0 or more.';
  if (n > REMINDER_MAX_MINUTES) return `At most ${REMINDER_MAX_MINUTES} minutes (four weeks) before.`;
  if (!current.includes(n) && current.length >= REMINDERS_MAX) return `At most ${REMINDERS_MAX} reminders.`;
  return null;
}

/**
 * Reminder times as chips (the presets, and any other time already chosen) with a custom number
 * of minutes to add: several may be on at once, up to REMINDERS_MAX.
 */
export function RemindersField({ legend, value, onChange, hint, children, error }: Props) {
  const id = useId();
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const shown = sorted([...reminderPresets, ...value]);
  const full = value.length >= REMINDERS_MAX;

  const add = () => {
    const problem = customMinutesProblem(custom, value);
    setCustomError(problem);
    if (problem) return;
    onChange(sorted([...value, Number(custom)]));
    setCustom('');
  };

  return (
    <fieldset className="form reminders-field" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ul className="chips">
        {shown.map((m) => {
          const on = value.includes(m);
          return (
            <li key={m}>
              <label className="chip">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && full}
                  onChange={(e) =>
                    onChange(e.target.checked ? sorted([...value, m]) : value.filter((x) => x !== m))
                  }
                />
                {reminderLabel(m)}
              </label>
            </li>
          );
        })}
      </ul>
      {value.length === 0 ? <p className="muted">No reminders.</p> : null}
      <div className="inline-fields">
        <div className={customError ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${id}-custom`}>Other time (minutes before)</label>
          <input
            id={`${id}-custom`}
            type="number"
            inputMode="numeric"
            min={0}
            max={REMINDER_MAX_MINUTES}
            value={custom}
            aria-invalid={customError ? true : undefined}
            aria-describedby={customError ? `${id}-custom-error` : undefined}
            onChange={(e) => setCustom(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the time instead of sending the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          {customError ? (
            <p className="field-error" id={`${id}-custom-error`}>
              {customError}
            </p>
          ) : null}
        </div>
        <button type="button" className="button" onClick={add}>
          Add reminder
        </button>
        {children}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
