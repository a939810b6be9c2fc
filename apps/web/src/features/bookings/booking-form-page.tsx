import type { Booking, ItemBookingsResult } from '@kalendaryo/contract';
import { resourceTypes } from '@kalendaryo/contract/values';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { AccessDenied } from '../../app/access-denied';
import { ApiError } from '../../app/api';
import { formatSpan } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { rejectInvalid, SelectField, TextField } from '../../app/ui/field';
import { FormActions } from '../../app/ui/form-actions';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormValues } from '../../app/use-form-values';
import type { FieldErrors } from '../../app/validation';
import { useSession } from '../auth/session';
import { resourceStatusLabels, resourceTypePlurals } from '../resources/labels';
import { describeRules } from '../resources/resource-form';
import { allResourcesQuery, availabilityKey } from '../resources/resources-api';
import {
  type BookingField,
  type BookingFormValues,
  type BookingRefusal,
  bodyFromValues,
  readRefusal,
  validateBooking,
  valuesFromSearch,
  windowOf,
} from './booking-form';
import { AvailabilityPanel, ConflictList, ItemLinkField, SeriesReport, seriesText } from './booking-panels';
import { bookingsKey, bookSeries, createBooking } from './bookings-api';
import { canRequest } from './permissions';

const fieldOrder: readonly BookingField[] = ['resourceId', 'start', 'end', 'purpose', 'notes'];

/** Where to go after booking: `back` when it is a path of this app, else My bookings. */
const safeBack = (back: string | null) =>
  back?.startsWith('/') && !back.startsWith('//') ? back : '/bookings';

function successText(b: Booking, name: string, zone: string) {
  const when = formatSpan(b.start, b.end, zone);
  return b.status === 'approved'
    ? `Booked ${name} for ${when}: approved.`
    : `Requested ${name} for ${when}. It waits for approval; you will see the decision under My bookings.`;
}

/** `/bookings/new`: ask for a resource, warned of conflicts and rules before sending. */
export function BookingFormPage() {
  const { user } = useSession();
  return canRequest(user.role) ? <BookingForm /> : <AccessDenied />;
}

function BookingForm() {
  useDocumentTitle('New booking');
  const { user } = useSession();
  const zone = user.timeZone;
  const [params] = useSearchParams();
  const back = safeBack(params.get('back'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { values, errors, setErrors, set, bind } = useFormValues<BookingFormValues>(() =>
    valuesFromSearch(params, zone, Date.now()),
  );
  const [refusal, setRefusal] = useState<BookingRefusal | null>(null);
  // Arriving from a repeating calendar item (`occurrence` in the URL) offers to book the series.
  const [series, setSeries] = useState<{ recurring: boolean; title: string; all: boolean }>(() => ({
    recurring: !!params.get('itemId') && !!params.get('occurrence'),
    title: params.get('purpose') ?? '',
    all: false,
  }));
  const [report, setReport] = useState<ItemBookingsResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = useId();
  const resources = useQuery(allResourcesQuery(''));
  const resource = resources.data?.find((r) => r.id === values.resourceId);
  const typed = useDebouncedValue(values, 400);
  const window = useMemo(() => windowOf(typed, zone), [typed, zone]);

  const done = () => {
    void queryClient.invalidateQueries({ queryKey: bookingsKey });
    void queryClient.invalidateQueries({ queryKey: availabilityKey });
  };
  const save = useMutation({
    mutationFn: async (v: BookingFormValues) => {
      const [itemId] = v.itemRef.split('|');
      if (series.all && itemId) {
        const body = bodyFromValues(v, zone);
        return {
          kind: 'series' as const,
          series: await bookSeries(itemId, {
            resourceId: v.resourceId,
            purpose: body.purpose,
            ...(body.notes ? { notes: body.notes } : {}),
            skipConflicts: true,
          }),
        };
      }
      return { kind: 'one' as const, booking: await createBooking(bodyFromValues(v, zone)) };
    },
    onSuccess: (r) => {
      done();
      const name = resource?.name ?? 'the resource';
      if (r.kind === 'one') navigate(back, { state: { notice: successText(r.booking, name, zone) } });
      else if (r.series.conflicts.length + r.series.refused.length === 0)
        navigate(back, { state: { notice: seriesText(r.series, name) } });
      else setReport(r.series);
    },
    onError: (e) => {
      if (!(e instanceof ApiError))
        return setRefusal({ kind: 'other', message: 'Something unexpected went wrong. Try again.' });
      const r = readRefusal(e);
      setRefusal(r);
      if (r.kind === 'rule') setErrors((x) => ({ ...x, [r.field]: r.message }));
      else if (e.errors.length > 0) setErrors(e.fields as FieldErrors<BookingField>);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateBooking(values, zone, Date.now(), resource);
    setErrors(found);
    setRefusal(null);
    setReport(null);
    if (rejectInvalid(formRef.current, found, fieldOrder)) return;
    save.mutate(values);
  };

  const grouped = resourceTypes.flatMap((t) => {
    const of = (resources.data ?? []).filter((r) => r.type === t);
    return of.map((r) => ({
      value: r.id,
      label: `${r.name} · ${resourceTypePlurals[t]}${r.status === 'available' ? '' : ` (${resourceStatusLabels[r.status].toLowerCase()})`}`,
    }));
  });

  return (
    <div className="booking-page">
      <div className="page-header">
        <h1>New booking</h1>
      </div>
      <div className="booking-layout">
        <section className="card" aria-labelledby={`${ids}-h`}>
          <h2 id={`${ids}-h`} className="visually-hidden">
            Booking request
          </h2>
          {refusal?.kind === 'conflict' ? (
            <div className="notice notice--error" role="alert">
              <p>
                <strong>Not booked: {refusal.message}</strong> Someone else’s booking holds it:
              </p>
              <ConflictList conflicts={refusal.conflicts} zone={zone} />
              <p>Change the time or choose another resource, then send the request again.</p>
            </div>
          ) : refusal ? (
            <FormMessage tone="error">Not booked: {refusal.message}</FormMessage>
          ) : null}
          {report ? (
            <SeriesReport report={report} name={resource?.name ?? 'the resource'} zone={zone} back={back} />
          ) : null}
          {report ? null : (
            <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-label="New booking">
              <SelectField
                label="Resource"
                {...bind('resourceId')}
                hint={resource ? describeRules(resource) : undefined}
                options={[
                  { value: '', label: resources.isPending ? 'Loading resources…' : 'Choose a resource' },
                  ...grouped,
                ]}
              />
              <div className="form-row">
                <TextField label="Starts" type="datetime-local" {...bind('start')} />
                <TextField label="Ends" type="datetime-local" {...bind('end')} />
              </div>
              <TextField
                label="Purpose"
                hint="What it is for, e.g. “Field visit to Barangay Tamontaka”."
                {...bind('purpose')}
              />
              <div className={errors.notes ? 'field field--invalid' : 'field'}>
                <label htmlFor={`${ids}-notes`}>Notes</label>
                <textarea
                  id={`${ids}-notes`}
                  name="notes"
                  rows={3}
                  value={values.notes}
                  onChange={(e) => set('notes', e.target.value)}
                />
                {errors.notes ? <p className="field-error">{errors.notes}</p> : null}
              </div>
              <ItemLinkField
                id={`${ids}-item`}
                value={values.itemRef}
                window={window}
                zone={zone}
                onChange={(ref, recurring, title) => {
                  set('itemRef', ref);
                  setSeries({ recurring, title, all: false });
                }}
              />
              {series.recurring ? (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={series.all}
                    onChange={(e) => setSeries((s) => ({ ...s, all: e.target.checked }))}
                  />
                  <span>
                    Book every occurrence of “{series.title}”, each at its own time (occurrences that clash
                    are listed, not dropped)
                  </span>
                </label>
              ) : null}
              <FormActions pending={save.isPending} cancelTo={back}>
                {save.isPending ? 'Sending…' : 'Request booking'}
              </FormActions>
            </form>
          )}
        </section>
        {report ? null : (
          <AvailabilityPanel
            resource={resource}
            window={window}
            zone={zone}
            onPick={(id) => set('resourceId', id)}
          />
        )}
      </div>
    </div>
  );
}
