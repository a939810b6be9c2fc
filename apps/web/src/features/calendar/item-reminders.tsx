import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { reminderLabel } from '../notifications/format';
import { itemRemindersQuery, preferencesQuery, putItemReminders } from '../notifications/notifications-api';
import { RemindersField } from '../notifications/reminders-field';

const sameList = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length &&
  [...a].sort((x, y) => x - y).every((m, i) => m === [...b].sort((x, y) => x - y)[i]);

/**
 * The signed-in person's reminders in the item form. `null` means "my defaults" (for a new item,
 * `reminders` is then left out of the create); a list is their own for this item. An existing
 * item's reminders are read from and written to `/items/{id}/reminders`.
 */
export function useItemReminders(itemId: string | undefined) {
  const defaults = useQuery(preferencesQuery);
  const stored = useQuery({ ...itemRemindersQuery(itemId ?? ''), enabled: !!itemId });
  const [initial, setInitial] = useState<number[] | null | undefined>(itemId ? undefined : null);
  const [value, setValue] = useState<number[] | null>(null);

  useEffect(() => {
    if (initial !== undefined || !stored.data) return;
    const start = stored.data.usesDefaults ? null : stored.data.minutes;
    setInitial(start);
    setValue(start);
  }, [initial, stored.data]);

  const defaultMinutes = defaults.data?.defaultReminders ?? stored.data?.minutes ?? null;
  // Unknown until loaded; an item whose reminders cannot be read keeps them as they are.
  const ready = itemId ? initial !== undefined : true;
  const changed =
    ready &&
    (value === null
      ? initial !== null
      : initial === null || initial === undefined || !sameList(initial, value));

  return {
    /** Whether the field can be shown (an existing item's reminders have loaded). */
    ready,
    value,
    setValue,
    defaultMinutes,
    changed,
    /** For POST /items: the person's own list, or nothing for their defaults. */
    createPart: () => (value === null ? {} : { reminders: value }),
    /** Writes the changed reminders of a saved item (the defaults, copied, when reset to them). */
    save: async (id: string) => {
      if (!changed) return;
      const minutes = value ?? defaultMinutes ?? [];
      const saved = await putItemReminders(id, minutes);
      setInitial(saved.usesDefaults ? null : saved.minutes);
    },
  };
}

export type ItemRemindersState = ReturnType<typeof useItemReminders>;

/** "Reminders" in the item form: chips and a custom time; "Use my defaults" goes back to the preferences. */
export function ItemRemindersField({ state }: { state: ItemRemindersState }) {
  if (!state.ready) return null;
  const { value, defaultMinutes } = state;
  const defaultsText =
    defaultMinutes === null
      ? 'Your default reminders apply.'
      : defaultMinutes.length === 0
        ? 'Your defaults: no reminders.'
        : `Your defaults apply: ${defaultMinutes.map(reminderLabel).join(', ')}.`;
  return (
    <RemindersField
      legend="Reminders"
      hint={value === null ? defaultsText : 'Your own reminders for this item, before each occurrence.'}
      value={value ?? defaultMinutes ?? []}
      onChange={(minutes) => state.setValue(minutes)}
    >
      <button
        type="button"
        className="button button--ghost"
        disabled={value === null}
        onClick={() => state.setValue(null)}
      >
        Use my defaults
      </button>
    </RemindersField>
  );
}
