import type { Calendar, Item, ItemKind } from '@kalendaryo/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { focusFirstInvalid, SelectField, TextField } from '../../app/ui/field';
import { createItem, feedKey, writable } from './calendar-api';
import { createBody, type ItemFormValues, validateItemValues, withKind } from './item-form-values';
import { itemKinds, kindLabels, optionsOf } from './labels';

interface Props {
  initial: ItemFormValues | null;
  calendars: Calendar[];
  onClose: () => void;
  onCreated: (item: Item) => void;
  /** Continue in the full form with what was typed so far. */
  onMoreOptions: (values: ItemFormValues) => void;
}

const kindOptions = itemKinds.map((k) => ({ value: k, label: kindLabels[k] }));

/** The quick-create modal: title, kind, calendar and times; the rest waits for the full form. */
export function QuickCreate({ initial, calendars, onClose, onCreated, onMoreOptions }: Props) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ItemFormValues | null>(initial);
  const [submitted, setSubmitted] = useState(false);
  useEffect(() => {
    setValues(initial);
    setSubmitted(false);
  }, [initial]);

  const create = useMutation({
    mutationFn: createItem,
    onSuccess: (item) => {
      void queryClient.invalidateQueries({ queryKey: feedKey });
      onCreated(item);
    },
  });
  useEffect(() => {
    if (initial) create.reset();
  }, [initial, create.reset]);

  const v = values;
  const errors = v ? validateItemValues({ ...v, rule: { ...v.rule, freq: 'none' } }) : {};
  const serverFields = create.error instanceof ApiError ? create.error.fields : {};
  const shown = (field: string) =>
    submitted || (v && field !== 'title') ? (errors[field] ?? serverFields[field]) : undefined;
  const set = (patch: Partial<ItemFormValues>) => setValues((cur) => (cur ? { ...cur, ...patch } : cur));
  const setKind = (kind: ItemKind) => setValues((cur) => (cur ? withKind(cur, kind) : cur));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!v) return;
    if (Object.keys(errors).length) {
      focusFirstInvalid(formRef.current, [
        'title',
        'start',
        'end',
        'details.eventCategory',
        'details.leaveType',
      ]);
      return;
    }
    create.mutate(createBody(v));
  };

  const editable = calendars.filter(writable);
  return (
    <Dialog title="New item" open={initial !== null} onClose={onClose} className="quick-create">
      {v ? (
        <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-label="New item">
          {create.isError ? <FormMessage tone="error">{errorMessage(create.error)}</FormMessage> : null}
          <TextField
            name="title"
            label="Title"
            value={v.title}
            autoComplete="off"
            data-autofocus
            error={shown('title')}
            onChange={(e) => set({ title: e.target.value })}
          />
          <SelectField
            name="kind"
            label="Kind"
            value={v.kind}
            options={kindOptions}
            onChange={(e) => setKind(e.target.value as ItemKind)}
          />
          {v.kind === 'community_event' ? (
            <SelectField
              name="details.eventCategory"
              label="Category"
              value={v.details.eventCategory ?? ''}
              error={shown('details.eventCategory')}
              options={[{ value: '', label: 'Choose…' }, ...optionsOf('eventCategory')]}
              onChange={(e) => set({ details: { ...v.details, eventCategory: e.target.value } })}
            />
          ) : null}
          {v.kind === 'leave' ? (
            <SelectField
              name="details.leaveType"
              label="Leave type"
              value={v.details.leaveType ?? ''}
              error={shown('details.leaveType')}
              options={[{ value: '', label: 'Choose…' }, ...optionsOf('leaveType')]}
              onChange={(e) => set({ details: { ...v.details, leaveType: e.target.value } })}
            />
          ) : null}
          <SelectField
            name="calendarId"
            label="Calendar"
            value={v.calendarId}
            error={shown('calendarId')}
            options={editable.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(e) => set({ calendarId: e.target.value })}
          />
          <label className="check">
            <input
              type="checkbox"
              name="allDay"
              checked={v.allDay}
              onChange={(e) =>
                set(
                  e.target.checked
                    ? { allDay: true, start: v.start.slice(0, 10), end: v.end.slice(0, 10) }
                    : {
                        allDay: false,
                        start: `${v.start.slice(0, 10)}T09:00`,
                        end: `${v.end.slice(0, 10)}T10:00`,
                      },
                )
              }
            />
            All day
          </label>
          <div className="form-row">
            <TextField
              name="start"
              label={v.allDay ? 'First day' : 'Starts'}
              type={v.allDay ? 'date' : 'datetime-local'}
              value={v.start}
              error={shown('start')}
              onChange={(e) => set({ start: e.target.value })}
            />
            <TextField
              name="end"
              label={v.allDay ? 'Last day' : 'Ends'}
              type={v.allDay ? 'date' : 'datetime-local'}
              value={v.end}
              error={shown('end')}
              onChange={(e) => set({ end: e.target.value })}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create'}
            </button>
            <button type="button" className="button" onClick={() => onMoreOptions(v)}>
              More options
            </button>
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
