import type { Booking } from '@kalendaryo/contract';
import { isOneOf, resourceTypes } from '@kalendaryo/contract/values';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { todayIn, toInputDateTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { AreaTabs } from '../../app/ui/area-tabs';
import { Dialog } from '../../app/ui/dialog';
import { SelectField } from '../../app/ui/field';
import { useArrivalNotice } from '../../app/use-arrival-notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { availableActions } from '../bookings/actions';
import { BookingActionButtons, useBookingActions } from '../bookings/booking-actions';
import { BookingFacts } from '../bookings/booking-details';
import { bookingsInRangeQuery } from '../bookings/bookings-api';
import { approvesResource, bookingStatusLabels, canRequest } from '../bookings/permissions';
import { resourceTypePlurals } from './labels';
import { allResourcesQuery, availabilityQuery } from './resources-api';
import { resourceTabs } from './resources-page';
import {
  bookingEvents,
  busyEvents,
  ecTimelineView,
  freeEvents,
  paramsFromTimeline,
  shownStatuses,
  statusColours,
  stepTimeline,
  type TimelineState,
  timelineFromParams,
  timelineResources,
  timelineTitle,
  timelineViewLabels,
  timelineViews,
  timelineWindow,
} from './timeline';

// The timeline (@event-calendar/core and Svelte's runtime) loads with this page, not with sign-in.
const ResourceTimelineView = lazy(() =>
  import('./resource-timeline').then((m) => ({ default: m.ResourceTimelineView })),
);

/** The status colours; free time is shaded in the day and week views (the month counts whole days). */
function Legend({ free }: { free: boolean }) {
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {shownStatuses.map((s) => (
        <li key={s}>
          <span className="legend-swatch" style={{ background: statusColours[s] }} aria-hidden="true" />
          {bookingStatusLabels[s]}
        </li>
      ))}
      {free ? (
        <li>
          <span className="legend-swatch legend-swatch--free" aria-hidden="true" />
          Free
        </li>
      ) : null}
    </ul>
  );
}

/** Resources down the side, time across: bookings by status, free time shaded; select a stretch to book. */
export function TimelinePage() {
  const { user } = useSession();
  const zone = user.timeZone;
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const state = timelineFromParams(params, today);
  const title = timelineTitle(state.view, state.date);
  useDocumentTitle(`Resource timeline – ${title}`);
  const titleId = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const update = (patch: Partial<TimelineState>) =>
    setParams(paramsFromTimeline({ ...state, ...patch }, today));

  const range = timelineWindow(state.view, state.date, zone);
  const resources = useQuery(allResourcesQuery(state.type));
  const bookings = useQuery(bookingsInRangeQuery(range.start, range.end));
  const availability = useQuery(availabilityQuery({ type: state.type, ...range }));
  const actions = useBookingActions(zone);
  const arrived = useArrivalNotice();
  const [selected, setSelected] = useState<Booking | null>(null);

  const shownIds = useMemo(() => new Set((resources.data ?? []).map((r) => r.id)), [resources.data]);
  const ecResources = useMemo(() => timelineResources(resources.data ?? []), [resources.data]);
  const events = useMemo(() => {
    const visible = (bookings.data ?? []).filter((b) => shownIds.has(b.resourceId));
    const seen = new Set(visible.map((b) => b.id));
    return [
      ...freeEvents(availability.data ?? [], zone),
      ...bookingEvents(visible, zone),
      ...busyEvents(availability.data ?? [], seen, zone),
    ];
  }, [availability.data, bookings.data, shownIds, zone]);
  const back = `${location.pathname}${location.search}`;
  const request = canRequest(user.role);
  const selectedResource = selected ? resources.data?.find((r) => r.id === selected.resourceId) : undefined;

  return (
    <>
      <div className="page-header">
        <h1>Resources</h1>
        {request ? (
          <Link className="button button--primary" to={`/bookings/new?${new URLSearchParams({ back })}`}>
            New booking
          </Link>
        ) : null}
      </div>
      <AreaTabs label="Resource views" tabs={resourceTabs} />
      <section className="timeline" aria-labelledby={titleId}>
        <div className="calendar-toolbar">
          <div className="calendar-nav">
            <button
              type="button"
              className="button"
              aria-label={`Previous ${state.view}`}
              onClick={() => update({ date: stepTimeline(state.view, state.date, -1) })}
            >
              ‹
            </button>
            <button type="button" className="button" onClick={() => update({ date: today })}>
              Today
            </button>
            <button
              type="button"
              className="button"
              aria-label={`Next ${state.view}`}
              onClick={() => update({ date: stepTimeline(state.view, state.date, 1) })}
            >
              ›
            </button>
            <h2 id={titleId} className="calendar-title" aria-live="polite">
              {title}
            </h2>
          </div>
          <div className="calendar-tools">
            <SelectField
              name="timeline-type"
              label="Resource type"
              value={state.type}
              onChange={(e) => update({ type: isOneOf(resourceTypes, e.target.value) ? e.target.value : '' })}
              options={[
                { value: '', label: 'All resources' },
                ...resourceTypes.map((t) => ({ value: t, label: resourceTypePlurals[t] })),
              ]}
            />
            <fieldset className="view-switcher" aria-label="View">
              {timelineViews.map((v) => (
                <button
                  key={v}
                  type="button"
                  className="button"
                  aria-pressed={state.view === v}
                  onClick={() => update({ view: v })}
                >
                  {timelineViewLabels[v]}
                </button>
              ))}
            </fieldset>
          </div>
        </div>
        <Legend free={state.view !== 'month'} />
        {request ? (
          <p className="muted timeline-hint">
            Drag across a resource’s row to request it for that time, or use <em>New booking</em>.
          </p>
        ) : null}
        {actions.notice ? (
          <FormMessage tone={actions.notice.tone}>{actions.notice.text}</FormMessage>
        ) : (
          <FormMessage tone="success">{arrived}</FormMessage>
        )}
        {resources.isError || bookings.isError ? (
          <FormMessage tone="error">The timeline could not be loaded. Try again.</FormMessage>
        ) : null}
        {availability.isError ? (
          <p className="notice notice--warning" role="status">
            Free time could not be loaded; bookings are shown without it.
          </p>
        ) : null}
        {resources.data && resources.data.length === 0 ? (
          <p role="status">No resources {state.type ? `of this type ` : ''}yet.</p>
        ) : null}
        <Suspense
          fallback={
            <p className="calendar-grid" role="status">
              Loading the timeline…
            </p>
          }
        >
          <ResourceTimelineView
            view={ecTimelineView[state.view]}
            date={state.date}
            resources={ecResources}
            events={events}
            zone={zone}
            selectable={request}
            label={`Resource timeline for ${title}`}
            onBookingClick={(b) => setSelected(b)}
            onSelect={({ resourceId, start, end }) =>
              navigate(
                `/bookings/new?${new URLSearchParams({ resourceId, start: toInputDateTime(start), end: toInputDateTime(end), back })}`,
              )
            }
          />
        </Suspense>
      </section>
      {selected ? (
        <Dialog title={selected.purpose} open onClose={() => setSelected(null)} className="popover-dialog">
          <BookingFacts booking={selected} zone={zone} resourceName={selectedResource?.name} />
          <div className="dialog-actions">
            <BookingActionButtons
              booking={selected}
              actions={availableActions(selected, {
                userId: user.id,
                approves: approvesResource(selectedResource),
                resourceType: selectedResource?.type,
                now: Date.now(),
              })}
              busy={actions.busy}
              onAction={(b, a) => {
                setSelected(null);
                actions.run(b, a);
              }}
            >
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => setSelected(null)}
              >
                Close
              </button>
            </BookingActionButtons>
          </div>
        </Dialog>
      ) : null}
      {actions.dialog}
    </>
  );
}
