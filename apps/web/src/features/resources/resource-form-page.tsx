import type { Resource } from '@kalendaryo/contract';
import { resourceStatuses, resourceTypes } from '@kalendaryo/contract/values';
import { isApproverRole } from '@kalendaryo/domain/office/index';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AccessDenied } from '../../app/access-denied';
import { ApiError, errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { rejectInvalid, SelectField, TextField } from '../../app/ui/field';
import { FormActions } from '../../app/ui/form-actions';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormValues } from '../../app/use-form-values';
import type { FieldErrors } from '../../app/validation';
import { useSession } from '../auth/session';
import { resourceStatusLabels, resourceTypeLabels } from './labels';
import { ApproversField, FacilitatorField } from './people-fields';
import {
  bodyFromValues,
  emptyResourceValues,
  type ResourceField,
  type ResourceFormValues,
  validateResource,
  valuesFromResource,
} from './resource-form';
import { createResource, resourceKey, resourceQuery, resourcesKey, updateResource } from './resources-api';

const fieldOrder: readonly ResourceField[] = [
  'name',
  'type',
  'status',
  'location',
  'capacity',
  'description',
  'userId',
  'maxDaysAhead',
  'maxDurationHours',
];

/** Server field names (`rules.maxDurationMinutes`) → the form's. */
function serverFieldErrors(e: ApiError): FieldErrors<ResourceField> {
  const map: Record<string, ResourceField> = {
    'rules.maxDaysAhead': 'maxDaysAhead',
    'rules.maxDurationMinutes': 'maxDurationHours',
    'rules.approverIds': 'approverIds',
  };
  const out: FieldErrors<ResourceField> = {};
  for (const [field, message] of Object.entries(e.fields)) {
    const key = (map[field] ?? field) as ResourceField;
    if ((fieldOrder as readonly string[]).includes(key) || key === 'approverIds') out[key] = message;
  }
  return out;
}

function ResourceForm({ initial, resource }: { initial: ResourceFormValues; resource?: Resource }) {
  const { values, errors, setErrors, set, bind } = useFormValues(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const save = useMutation({
    mutationFn: (v: ResourceFormValues) =>
      resource
        ? updateResource(resource.id, bodyFromValues(v), resource.version)
        : createResource(bodyFromValues(v)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: resourcesKey });
      queryClient.removeQueries({ queryKey: resourceKey(saved.id) });
      navigate('/resources', { state: { notice: `${resource ? 'Saved' : 'Added'} ${saved.name}.` } });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length > 0) setErrors(serverFieldErrors(e));
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateResource(values);
    setErrors(found);
    save.reset();
    if (rejectInvalid(formRef.current, found, fieldOrder)) return;
    save.mutate(values);
  };

  const summary = !save.isError
    ? null
    : save.error instanceof ApiError && save.error.status === 412
      ? 'Someone else changed this resource while you were editing. Reload the page to see their changes, then edit again.'
      : save.error instanceof ApiError && save.error.errors.length > 0
        ? 'Check the highlighted fields.'
        : errorMessage(save.error);
  const title = resource ? `Edit ${resource.name}` : 'New resource';

  return (
    <section className="card resource-form" aria-labelledby={headingId}>
      <h1 id={headingId}>{title}</h1>
      <FormMessage tone="error">{summary}</FormMessage>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={onSubmit}
        aria-label={resource ? 'Edit resource' : 'New resource'}
      >
        <div className="form-row">
          <TextField label="Name" {...bind('name')} required />
          <SelectField
            label="Type"
            {...bind('type')}
            options={resourceTypes.map((t) => ({ value: t, label: resourceTypeLabels[t] }))}
          />
          <SelectField
            label="Status"
            {...bind('status')}
            options={resourceStatuses.map((s) => ({ value: s, label: resourceStatusLabels[s] }))}
          />
        </div>
        <div className="form-row">
          <TextField label="Location" {...bind('location')} />
          <TextField
            label="Capacity"
            inputMode="numeric"
            hint="Seats or people; leave empty if it does not apply."
            {...bind('capacity')}
          />
        </div>
        {values.type === 'facilitator' ? (
          <FacilitatorField
            value={values.userId}
            onChange={(id) => set('userId', id)}
            error={errors.userId}
          />
        ) : null}
        <div className="field">
          <label htmlFor={`${headingId}-description`}>Description</label>
          <textarea
            id={`${headingId}-description`}
            name="description"
            rows={3}
            value={values.description}
            onChange={(e) => set('description', e.target.value)}
            aria-invalid={errors.description ? true : undefined}
          />
          {errors.description ? <p className="field-error">{errors.description}</p> : null}
        </div>
        <fieldset className="rules-fieldset">
          <legend>Booking rules</legend>
          <div className="form-row">
            <TextField
              label="Book at most this many days ahead"
              inputMode="numeric"
              hint="Empty: no limit."
              {...bind('maxDaysAhead')}
            />
            <TextField
              label="Longest booking, in hours"
              inputMode="decimal"
              hint="For example 8, or 1.5. Empty: no limit."
              {...bind('maxDurationHours')}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              name="autoApprove"
              checked={values.autoApprove}
              onChange={(e) => set('autoApprove', e.target.checked)}
            />
            <span>Approve requests automatically when the time is free</span>
          </label>
          <ApproversField value={values.approverIds} onChange={(ids) => set('approverIds', ids)} />
          {errors.approverIds ? <p className="field-error">{errors.approverIds}</p> : null}
        </fieldset>
        <FormActions pending={save.isPending} cancelTo="/resources">
          {resource ? 'Save resource' : 'Add resource'}
        </FormActions>
      </form>
    </section>
  );
}

/** `/resources/new` and `/resources/:id/edit`, for coordinators and administrators. */
export function ResourceFormPage() {
  const { id } = useParams();
  const { user } = useSession();
  const resource = useQuery({ ...resourceQuery(id ?? ''), enabled: !!id });
  useDocumentTitle(id ? 'Edit resource' : 'New resource');
  if (!isApproverRole(user.role)) return <AccessDenied />;
  if (!id) return <ResourceForm initial={emptyResourceValues()} />;
  if (resource.isPending) return <p role="status">Loading the resource…</p>;
  if (resource.isError) {
    return (
      <FormMessage tone="error">
        {resource.error instanceof ApiError && resource.error.status === 404
          ? 'This resource does not exist, or you may not see it.'
          : errorMessage(resource.error)}
      </FormMessage>
    );
  }
  return (
    <ResourceForm
      key={resource.data.id}
      initial={valuesFromResource(resource.data)}
      resource={resource.data}
    />
  );
}
