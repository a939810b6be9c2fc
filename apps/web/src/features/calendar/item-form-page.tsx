import type { EditScope, Item } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { shiftWall, wallOf } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { focusFirstInvalid } from '../../app/ui/field';
import { FormActions } from '../../app/ui/form-actions';
import { useDocumentTitle } from '../../app/use-document-title';
import { participantsQuery } from '../attendance/attendance-api';
import { useSession } from '../auth/session';
import { spanOfWalls } from '../availability/availability-api';
import { BusyWarning, type Someone } from '../availability/busy-warning';
import { itemRemindersKey } from '../notifications/notifications-api';
import {
  calendarsQuery,
  createItem,
  feedKey,
  isBookingConflict,
  isStale,
  itemKey,
  itemQuery,
  type ScopeTarget,
  updateItem,
  writable,
} from './calendar-api';
import { draftFromSearch, safeBack } from './item-draft';
import { ItemForm } from './item-form';
import {
  changedFields,
  createBody,
  type ItemFormValues,
  itemValues,
  patchBody,
  thisScopeProblem,
  validateItemValues,
} from './item-form-values';
import { ItemRemindersField, useItemReminders } from './item-reminders';
import { ScopeDialog } from './scope-dialog';

const fieldOrder = [
  'title',
  'calendarId',
  'start',
  'end',
  'rule.interval',
  'rule.monthDay',
  'rule.count',
  'rule.until',
  'details.eventCategory',
  'details.leaveType',
];

/**
 * Whose time the form checks: the organiser, a task's assignee and the invited colleagues (leave
 * is the absence itself). Those whose names the form does not know are named by their role.
 */
function peopleOf(
  v: ItemFormValues,
  organizerId: string,
  me: { id: string; name: string },
  invited: readonly Someone[],
): Someone[] {
  if (v.kind === 'leave') return [];
  const known = new Map([...invited.map((p) => [p.id, p.name] as const), [me.id, me.name]]);
  const name = (id: string, role: string) => known.get(id) ?? role;
  const out: Someone[] = [{ id: organizerId, name: name(organizerId, 'The organiser') }];
  const assignee = v.kind === 'task' ? String(v.details.assigneeId ?? '') : '';
  if (assignee) out.push({ id: assignee, name: name(assignee, 'The assignee') });
  out.push(...invited);
  return [...new Map(out.map((p) => [p.id, p])).values()];
}

/** `/calendar/items/new` and `/calendar/items/:id/edit[?occurrence=]`: the full item form. */
export function ItemFormPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const occurrence = search.get('occurrence');
  const back = safeBack(search.get('back'));
  const { user } = useSession();
  const zone = user.timeZone ?? OFFICE_TIME_ZONE;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const calendars = useQuery(calendarsQuery);
  const item = useQuery({ ...itemQuery(id ?? ''), enabled: !!id });
  // Invited colleagues are checked too when an item moves (the invitations come with their names).
  const invited = useQuery({ ...participantsQuery(id ?? '', null), enabled: !!id });
  const formRef = useRef<HTMLFormElement>(null);
  const isNew = !id;
  const reminders = useItemReminders(id);
  useDocumentTitle(isNew ? 'New item' : `Edit ${item.data?.title ?? 'item'}`);

  const [initial, setInitial] = useState<ItemFormValues | null>(null);
  const [values, setValues] = useState<ItemFormValues | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [askScope, setAskScope] = useState(false);
  const [stale, setStale] = useState(false);

  const reset = (v: ItemFormValues) => {
    setInitial(v);
    setValues(v);
    setStale(false);
  };
  // The starting values, once what they come from has loaded.
  useEffect(() => {
    if (initial) return;
    if (isNew && calendars.data) {
      const mine = calendars.data.filter(writable);
      const fallback = mine.find((c) => c.kind === 'personal' && c.ownerId === user.id) ?? mine[0];
      const now = `${wallOf(Date.now(), zone).slice(0, 13)}:00:00`;
      const slot = { start: shiftWall(now, 0, 3600), end: shiftWall(now, 0, 7200) };
      reset(draftFromSearch(search, slot, zone, fallback?.id ?? ''));
    } else if (item.data) reset(itemValues(item.data, occurrence));
  });

  const series = !!item.data && (item.data.rrule !== null || item.data.rdates.length > 0);
  const save = useMutation({
    mutationFn: async ({
      v,
      scope,
      keepBookings = false,
    }: {
      v: ItemFormValues;
      scope: EditScope | null;
      keepBookings?: boolean;
    }): Promise<Item> => {
      if (isNew)
        return createItem({ ...createBody(v), ...(v.kind === 'leave' ? {} : reminders.createPart()) });
      const current = item.data!;
      // Only the person's reminders changed: the item itself is left alone.
      if (changedFields(initial!, v).size === 0) {
        await reminders.save(current.id);
        return current;
      }
      const target: ScopeTarget | undefined = series
        ? { scope: scope ?? 'all', occurrence: scope && scope !== 'all' ? occurrence : null }
        : undefined;
      const fromOccurrence = series && occurrence ? { dtstart: current.dtstart, dtend: current.dtend } : null;
      const saved = await updateItem(
        current.id,
        current.version,
        patchBody(initial!, v, scope ?? 'all', fromOccurrence),
        target,
        { keepBookings },
      );
      await reminders.save(saved.id);
      return saved;
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(itemKey(saved.id), saved);
      if (id && id !== saved.id) void queryClient.invalidateQueries({ queryKey: itemKey(id) });
      void queryClient.invalidateQueries({ queryKey: feedKey });
      void queryClient.invalidateQueries({ queryKey: itemRemindersKey(saved.id) });
      navigate(back);
    },
    onError: (e) => {
      setAskScope(false);
      if (isStale(e)) setStale(true);
    },
  });

  if (!isNew && item.isError) {
    return (
      <>
        <div className="page-header">
          <h1>Edit item</h1>
        </div>
        <FormMessage tone="error">{errorMessage(item.error)}</FormMessage>
        <Link to={back}>Back to the calendar</Link>
      </>
    );
  }
  if (!values || !initial) {
    return (
      <p className="boot" role="status">
        Loading…
      </p>
    );
  }

  const errors = validateItemValues(values);
  const serverFields = save.error instanceof ApiError ? save.error.fields : {};
  const shown: Record<string, string> = { ...serverFields };
  for (const [k, msg] of Object.entries(errors)) {
    if (submitted || k !== 'title' || values.title !== initial.title) shown[k] = msg;
  }
  const changed = isNew ? new Set<string>() : changedFields(initial, values);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) {
      focusFirstInvalid(
        formRef.current,
        fieldOrder.filter((f) => f in errors),
      );
      return;
    }
    if (!isNew && changed.size === 0) {
      if (reminders.changed) save.mutate({ v: values, scope: null });
      else navigate(back);
      return;
    }
    if (series && occurrence) setAskScope(true);
    else save.mutate({ v: values, scope: null });
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...itemQuery(id!), staleTime: 0 });
    save.reset();
    reset(itemValues(fresh, occurrence));
  };

  return (
    <>
      <div className="page-header">
        <h1>{isNew ? 'New item' : `Edit “${initial.title}”`}</h1>
      </div>
      {series && occurrence ? (
        <p className="field-hint">
          You are editing one occurrence of a repeating series; saving asks which events to change.
        </p>
      ) : null}
      <form
        ref={formRef}
        className="item-form-page"
        onSubmit={onSubmit}
        noValidate
        aria-label={isNew ? 'New item' : 'Edit item'}
      >
        {stale ? (
          <div className="notice notice--error" role="alert">
            <p>
              Someone else changed this item while you were editing it. Reload it to see their changes, then
              make yours again.
            </p>
            <button type="button" className="button button--small" onClick={() => void reload()}>
              Reload
            </button>
          </div>
        ) : save.isError &&
          isBookingConflict(save.error) &&
          save.variables &&
          !save.variables.keepBookings ? (
          <div className="notice notice--error" role="alert">
            <p>
              {errorMessage(save.error)} Save anyway? The item's bookings of rooms and vehicles are then
              cancelled.
            </p>
            <button
              type="button"
              className="button button--small"
              onClick={() => save.variables && save.mutate({ ...save.variables, keepBookings: true })}
            >
              Save without the bookings
            </button>
          </div>
        ) : save.isError ? (
          <FormMessage tone="error">{errorMessage(save.error)}</FormMessage>
        ) : null}
        <ItemForm
          values={values}
          onChange={setValues}
          errors={shown}
          isNew={isNew}
          calendars={calendars.data ?? []}
          userZone={zone}
          readOnlyDetails={item.data?.kind === 'leave' ? item.data.details : undefined}
        />
        {values.kind !== 'leave' ? <ItemRemindersField state={reminders} /> : null}
        <BusyWarning
          people={peopleOf(
            values,
            item.data?.organizerId ?? user.id,
            user,
            (invited.data?.items ?? []).flatMap((p) => (p.userId ? [{ id: p.userId, name: p.name }] : [])),
          )}
          span={spanOfWalls(values.allDay, values.start, values.end, values.timeZone || zone)}
          ignoreItemId={item.data?.id}
        />
        <FormActions pending={save.isPending} cancelTo={back}>
          {save.isPending ? 'Saving…' : isNew ? 'Create' : 'Save'}
        </FormActions>
      </form>
      <ScopeDialog
        open={askScope}
        action="change"
        busy={save.isPending}
        thisDisabledReason={thisScopeProblem(changed)}
        onChoose={(scope) => save.mutate({ v: values, scope })}
        onCancel={() => setAskScope(false)}
      />
    </>
  );
}
