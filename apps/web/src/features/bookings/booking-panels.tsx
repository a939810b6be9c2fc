import type { BookingConflict, ItemBookingsResult, Resource } from '@kalendaryo/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { addDays, formatOccurrenceTime, formatSpan, isoInstant, wallOf } from '../../app/time';
import { feedQueryOptions } from '../calendar/calendar-api';
import { resourceTypePlurals } from '../resources/labels';
import { availabilityQuery, freeResourcesQuery } from '../resources/resources-api';
import { type Interval, overlapping } from './booking-form';
import { bookingStatusLabels, HOLDING_STATUSES } from './permissions';

/** The bookings a request collides with, each with its time, status and, where you may know, holder. */
export function ConflictList({ conflicts, zone }: { conflicts: readonly BookingConflict[]; zone: string }) {
  return (
    <ul className="conflict-list">
      {conflicts.map((c) => (
        <li key={c.id}>
          <strong>{formatSpan(c.start, c.end, zone)}</strong> · {bookingStatusLabels[c.status]}
          {c.requester ? ` · ${c.requester.name}` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * Checks the chosen resource and time as the person types: free, or which bookings are in the way
 * (pending and approved ones hold the resource), with other free resources of the same type.
 */
export function AvailabilityPanel({
  resource,
  window,
  zone,
  onPick,
}: {
  resource: Resource | undefined;
  window: Interval | null;
  zone: string;
  onPick: (resourceId: string) => void;
}) {
  const enabled = !!resource && !!window;
  const q = availabilityQuery({
    type: resource?.type ?? '',
    start: window?.start ?? '',
    end: window?.end ?? '',
    resourceIds: resource ? [resource.id] : [],
  });
  const availability = useQuery({ ...q, enabled });
  const mine = availability.data?.find((a) => a.resource.id === resource?.id);
  const busy =
    mine && window ? overlapping(mine.busy, window).filter((b) => HOLDING_STATUSES.includes(b.status)) : [];
  const free = useQuery({
    ...freeResourcesQuery({ type: resource?.type ?? '', start: window?.start ?? '', end: window?.end ?? '' }),
    enabled: enabled && busy.length > 0,
  });
  const alternatives = (free.data ?? [])
    .filter((r) => r.id !== resource?.id && r.status === 'available')
    .slice(0, 6);

  let body: ReactNode;
  if (!enabled) body = <p className="muted">Choose a resource and a time to check availability.</p>;
  else if (availability.isPending || (availability.isFetching && availability.isPlaceholderData))
    body = <p>Checking availability…</p>;
  else if (availability.isError)
    body = (
      <p className="muted">
        Availability could not be checked; the booking is still checked when you send it.
      </p>
    );
  else if (busy.length === 0)
    body = <p className="availability-free">✓ {resource.name} is free at this time.</p>;
  else {
    body = (
      <>
        <p className="availability-busy">
          ⚠ {resource.name} is already booked for part of this time (
          {busy.length === 1 ? '1 booking' : `${busy.length} bookings`}). Change the time or choose another
          resource; a request that overlaps is refused.
        </p>
        <ConflictList
          zone={zone}
          conflicts={busy.map((b) => ({ id: b.bookingId, start: b.start, end: b.end, status: b.status }))}
        />
        {alternatives.length > 0 ? (
          <div className="alternatives">
            <p>Free {resourceTypePlurals[resource.type].toLowerCase()} at this time:</p>
            <ul className="row-actions">
              {alternatives.map((r) => (
                <li key={r.id}>
                  <button type="button" className="button button--small" onClick={() => onPick(r.id)}>
                    Choose {r.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </>
    );
  }
  return (
    <section
      className="availability card"
      aria-label="Availability"
      aria-live="polite"
      data-state={!enabled ? 'idle' : busy.length ? 'busy' : 'free'}
    >
      <h2>Availability</h2>
      {body}
    </section>
  );
}

/** A calendar item happening around the booking's time, to link the booking to. */
export function ItemLinkField({
  value,
  onChange,
  window,
  zone,
  id,
}: {
  value: string;
  onChange: (ref: string, recurring: boolean, title: string) => void;
  window: Interval | null;
  zone: string;
  id: string;
}) {
  const day = window ? wallOf(Date.parse(window.start), zone).slice(0, 10) : null;
  const lastDay = window ? wallOf(Date.parse(window.end) - 1, zone).slice(0, 10) : null;
  const feed = useQuery({
    ...feedQueryOptions({
      start: day ? isoInstant(`${day}T00:00:00`, zone) : '',
      end: lastDay ? isoInstant(`${addDays(lastDay, 1)}T00:00:00`, zone) : '',
      holidays: 'false',
    }),
    enabled: !!window,
  });
  const items = (feed.data?.occurrences ?? []).filter((o) => o.itemId && o.kind !== 'leave');
  const options = items.map((o) => ({
    value: `${o.itemId}|${o.recurring && o.recurrenceId ? o.recurrenceId : ''}`,
    label: `${o.title} — ${formatOccurrenceTime(o, zone)}`,
    recurring: o.recurring,
    title: o.title,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: 'The calendar item you came from', recurring: false, title: '' });
  }
  return (
    <div className="field">
      <label htmlFor={id}>Calendar item (optional)</label>
      <p className="field-hint" id={`${id}-hint`}>
        Items on the calendar on {day ? 'these days' : 'the chosen days'}; the booking shows with the item.
      </p>
      <select
        id={id}
        name="itemRef"
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => {
          const o = options.find((x) => x.value === e.target.value);
          onChange(e.target.value, o?.recurring ?? false, o?.title ?? '');
        }}
      >
        <option value="">
          {feed.isFetching && !feed.data ? 'Loading items…' : 'None: a booking on its own'}
        </option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Requested Van 1 for 5 occurrences of the series. 2 could not be booked (listed below)." */
export function seriesText(r: ItemBookingsResult, name: string) {
  const n = r.booked.length;
  const head = `Requested ${name} for ${n === 1 ? '1 occurrence' : `${n} occurrences`} of the series.`;
  const later = r.continues ? ' Later occurrences are requested as they come within a year.' : '';
  const missed = r.conflicts.length + r.refused.length;
  return missed === 0 ? `${head}${later}` : `${head}${later} ${missed} could not be booked (listed below).`;
}

/** What booking a whole series did: the occurrences that clash or break a rule, each named. */
export function SeriesReport({
  report,
  name,
  zone,
  back,
}: {
  report: ItemBookingsResult;
  name: string;
  zone: string;
  back: string;
}) {
  return (
    <div className="notice notice--error" role="alert">
      <p>{seriesText(report, name)}</p>
      <ul className="conflict-list">
        {report.conflicts.map((c) => (
          <li key={`c-${c.occurrence}-${c.start}`}>
            {formatSpan(c.start, c.end, zone)}: already booked
            {c.conflicts.length
              ? ` (${c.conflicts.map((x) => formatSpan(x.start, x.end, zone)).join('; ')})`
              : ''}
          </li>
        ))}
        {report.refused.map((c) => (
          <li key={`r-${c.occurrence}-${c.start}`}>
            {formatSpan(c.start, c.end, zone)}: {c.detail}
          </li>
        ))}
      </ul>
      <p className="row-actions">
        <Link className="button button--small" to={back}>
          Done
        </Link>
        <Link className="button button--small button--ghost" to="/bookings">
          My bookings
        </Link>
      </p>
    </div>
  );
}
