import type { ItemKind } from '@kalendaryo/contract';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { SelectField, TextField } from '../../app/ui/field';
import { useSession } from '../auth/session';
import { peopleQuery } from '../resources/people';
import { type DetailOption, kindLabels, optionLabel, optionsOf } from './labels';

interface Props {
  kind: ItemKind;
  details: Record<string, string>;
  /** Read-only fields of the item (leave approval), shown but not edited. */
  readOnly?: Record<string, unknown> | undefined;
  errors: Record<string, string>;
  onChange: (details: Record<string, string>) => void;
}

function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = `${useId()}-${props.name}`;
  return (
    <div className="field field--wide">
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={3}
        value={props.value}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** The fields that only one kind of item has (SCOPE.md §1: each kind keeps its own fields). */
export function KindFields({ kind, details, readOnly, errors, onChange }: Props) {
  const { user } = useSession();
  // Colleagues for the backup of leave (fetched only when the kind is leave).
  const people = useQuery({ ...peopleQuery, enabled: kind === 'leave' });
  const set = (key: string, value: string) => onChange({ ...details, [key]: value });
  const select = (key: string, label: string, option: DetailOption, required = false) => (
    <SelectField
      name={`details.${key}`}
      label={label}
      value={details[key] ?? ''}
      error={errors[`details.${key}`]}
      options={[...(required ? [{ value: '', label: 'Choose…' }] : []), ...optionsOf(option)]}
      onChange={(e) => set(key, e.target.value)}
    />
  );
  const text = (key: string, label: string, hint?: string) => (
    <TextArea
      name={`details.${key}`}
      label={label}
      value={details[key] ?? ''}
      onChange={(v) => set(key, v)}
      {...(hint ? { hint } : {})}
    />
  );

  return (
    <fieldset className="kind-fields form--grid">
      <legend>{kindLabels[kind]} details</legend>
      {kind === 'event' ? (
        <>
          {select('eventType', 'Event type', 'eventType')}
          {text('agenda', 'Agenda')}
        </>
      ) : null}
      {kind === 'engagement' ? (
        <>
          {select('engagementType', 'Engagement type', 'engagementType')}
          {text('stakeholders', 'Stakeholders', 'One per line')}
          {text('objectives', 'Objectives')}
        </>
      ) : null}
      {kind === 'task' ? (
        <>
          {select('priority', 'Priority', 'priority')}
          {select('taskStatus', 'Progress', 'taskStatus')}
          <TextField
            name="details.dueAt"
            label="Due"
            type="datetime-local"
            value={details.dueAt ?? ''}
            onChange={(e) => set('dueAt', e.target.value)}
          />
          <SelectField
            name="details.assigneeId"
            label="Assignee"
            value={details.assigneeId ?? ''}
            options={[
              { value: '', label: 'Unassigned' },
              { value: user.id, label: `Me (${user.name})` },
              ...(details.assigneeId && details.assigneeId !== user.id
                ? [{ value: details.assigneeId, label: 'Current assignee' }]
                : []),
            ]}
            onChange={(e) => set('assigneeId', e.target.value)}
          />
        </>
      ) : null}
      {kind === 'assessment' ? (
        <>
          {select('assessmentType', 'Assessment type', 'assessmentType')}
          {text('team', 'Team', 'One name per line')}
          {text('objectives', 'Objectives')}
        </>
      ) : null}
      {kind === 'community_event' ? (
        <>
          {select('eventCategory', 'Category', 'eventCategory', true)}
          {select('serviceImpact', 'Impact on service delivery', 'serviceImpact')}
          {text('impactNotes', 'Impact notes')}
        </>
      ) : null}
      {kind === 'leave' ? (
        <>
          {select('leaveType', 'Leave type', 'leaveType', true)}
          <SelectField
            name="details.backupUserId"
            label="Backup person"
            value={details.backupUserId ?? ''}
            error={errors['details.backupUserId']}
            options={[
              { value: '', label: 'No one' },
              ...(people.data ?? [])
                .filter((p) => p.id !== user.id)
                .map((p) => ({ value: p.id, label: p.name })),
              ...(details.backupUserId && !people.data?.some((p) => p.id === details.backupUserId)
                ? [{ value: details.backupUserId, label: 'Current backup' }]
                : []),
            ]}
            onChange={(e) => set('backupUserId', e.target.value)}
          />
          {readOnly ? (
            <p className="field-hint">
              Approval: {optionLabel('approvalStatus', readOnly.approvalStatus ?? 'pending')}
              {typeof readOnly.decisionReason === 'string' && readOnly.decisionReason
                ? ` — ${readOnly.decisionReason}`
                : ''}
            </p>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
