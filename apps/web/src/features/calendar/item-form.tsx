import type { Calendar, ItemKind, ItemStatus, Visibility } from '@kalendaryo/contract';
import { KIND_COLORS, OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { fromInputDateTime } from '../../app/time';
import { SelectField, TextField } from '../../app/ui/field';
import { communitiesQuery, writable } from './calendar-api';
import { type ItemFormValues, withKind } from './item-form-values';
import { KindFields } from './kind-fields';
import { itemKinds, itemStatuses, kindLabels, statusLabels, visibilityLabels } from './labels';
import { RecurrenceBuilder } from './recurrence-builder';

interface Props {
  values: ItemFormValues;
  onChange: (values: ItemFormValues) => void;
  errors: Record<string, string>;
  isNew: boolean;
  calendars: Calendar[];
  userZone: string;
  readOnlyDetails?: Record<string, unknown> | undefined;
}

const visibilityOptions = Object.entries(visibilityLabels).map(([value, label]) => ({ value, label }));

/** The fields of the full item form; the page around it loads, checks and saves. */
export function ItemForm({
  values: v,
  onChange,
  errors,
  isNew,
  calendars,
  userZone,
  readOnlyDetails,
}: Props) {
  const communities = useQuery(communitiesQuery(''));
  const colourId = useId();
  const set = (patch: Partial<ItemFormValues>) => onChange({ ...v, ...patch });
  const zones = [...new Set([userZone, OFFICE_TIME_ZONE, 'UTC', ...(v.timeZone ? [v.timeZone] : [])])];
  const editable = calendars.filter((c) => writable(c) || c.id === v.calendarId);

  return (
    <div className="item-form">
      <div className="form form--grid">
        {isNew ? (
          <SelectField
            name="kind"
            label="Kind"
            value={v.kind}
            options={itemKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
            onChange={(e) => {
              set(withKind(v, e.target.value as ItemKind));
            }}
          />
        ) : null}
        <TextField
          name="title"
          label="Title"
          value={v.title}
          error={errors.title}
          onChange={(e) => set({ title: e.target.value })}
        />
        <SelectField
          name="calendarId"
          label="Calendar"
          value={v.calendarId}
          error={errors.calendarId}
          options={editable.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(e) => set({ calendarId: e.target.value })}
        />
      </div>
      <fieldset className="form form--grid">
        <legend>When</legend>
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
        <TextField
          name="start"
          label={v.allDay ? 'First day' : 'Starts'}
          type={v.allDay ? 'date' : 'datetime-local'}
          value={v.start}
          error={errors.start}
          onChange={(e) => set({ start: e.target.value })}
        />
        <TextField
          name="end"
          label={v.allDay ? 'Last day' : 'Ends'}
          type={v.allDay ? 'date' : 'datetime-local'}
          value={v.end}
          error={errors.end}
          onChange={(e) => set({ end: e.target.value })}
        />
        {!v.allDay ? (
          <SelectField
            name="timeZone"
            label="Time zone"
            value={v.timeZone}
            hint="Floating times stay at the same clock time in every zone."
            options={[
              ...zones.map((z) => ({ value: z, label: z })),
              { value: '', label: 'Floating (no time zone)' },
            ]}
            onChange={(e) => set({ timeZone: e.target.value })}
          />
        ) : null}
      </fieldset>
      <RecurrenceBuilder
        rule={v.rule}
        onChange={(rule) => set({ rule })}
        dtstart={v.allDay ? v.start.slice(0, 10) : fromInputDateTime(v.start)}
        allDay={v.allDay}
        zone={v.timeZone || null}
      />
      <div className="form form--grid">
        <TextField
          name="location"
          label="Location"
          value={v.location}
          onChange={(e) => set({ location: e.target.value })}
        />
        <SelectField
          name="communityId"
          label="Community"
          value={v.communityId}
          options={[
            { value: '', label: 'None' },
            ...(communities.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ...(v.communityId && !communities.data?.some((c) => c.id === v.communityId)
              ? [{ value: v.communityId, label: 'Current community' }]
              : []),
          ]}
          onChange={(e) => set({ communityId: e.target.value })}
        />
        {/* The status of leave follows its approval (approvers decide it), so the form leaves it alone. */}
        {v.kind !== 'leave' ? (
          <SelectField
            name="status"
            label="Status"
            value={v.status}
            options={itemStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
            onChange={(e) => set({ status: e.target.value as ItemStatus })}
          />
        ) : null}
        <SelectField
          name="visibility"
          label="Visibility"
          value={v.visibility}
          options={visibilityOptions}
          onChange={(e) => set({ visibility: e.target.value as Visibility })}
        />
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={v.color !== ''}
              onChange={(e) => set({ color: e.target.checked ? KIND_COLORS[v.kind] : '' })}
            />
            Own colour
          </label>
          {v.color ? (
            <>
              <label htmlFor={colourId} className="visually-hidden">
                Colour
              </label>
              <input
                id={colourId}
                name="color"
                type="color"
                value={v.color}
                onChange={(e) => set({ color: e.target.value })}
              />
            </>
          ) : (
            <p className="field-hint">Coloured by its kind.</p>
          )}
        </div>
        <div className="field field--wide">
          <label htmlFor={`${colourId}-description`}>Description</label>
          <textarea
            id={`${colourId}-description`}
            name="description"
            rows={4}
            value={v.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </div>
      </div>
      <KindFields
        kind={v.kind}
        details={v.details}
        readOnly={readOnlyDetails}
        errors={errors}
        onChange={(details) => set({ details })}
      />
    </div>
  );
}
