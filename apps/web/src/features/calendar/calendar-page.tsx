import type { Occurrence } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { shiftWall, todayIn, wallOf } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { useArrivalNotice } from '../../app/use-arrival-notice';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { calendarsQuery, feedQueryOptions, writable } from './calendar-api';
import { toCalendarEvents } from './calendar-events';
import { CalendarFiltersPanel } from './calendar-filters';
import { CalendarToolbar } from './calendar-toolbar';
import { draftToSearch } from './item-draft';
import { type ItemFormValues, newItemValues } from './item-form-values';
import { MiniMonth } from './mini-month';
import { OccurrencePopover } from './occurrence-popover';
import { PrintAgenda } from './print-agenda';
import { QuickCreate } from './quick-create';
import { ScopeDialog } from './scope-dialog';
import { useLinkedItem } from './use-linked-item';
import { useOccurrenceActions } from './use-occurrence-actions';
import {
  type CalendarFilters,
  type CalendarState,
  ecViewName,
  feedQuery,
  paramsFromState,
  stateFromParams,
  stepDate,
  viewTitle,
  visibleRange,
} from './view-state';

const NARROW = '(max-width: 700px)';

// The grids (@event-calendar/core and Svelte's runtime) load with the calendar, not with sign-in.
const EventCalendar = lazy(() => import('./event-calendar').then((m) => ({ default: m.EventCalendar })));

/** The next whole hour on `date` (today: from now; other days: 09:00), as a one-hour slot. */
function nextSlot(date: string, today: string, zone: string) {
  const now = wallOf(Date.now(), zone);
  const start = date === today ? `${shiftWall(`${now.slice(0, 13)}:00:00`, 0, 3600)}` : `${date}T09:00:00`;
  return { start, end: shiftWall(start, 0, 3600), allDay: false };
}

/**
 * The calendar: month, week, day and agenda views of everything the person may see, with filters,
 * a mini-month, quick-create, details, drag-and-drop rescheduling and a print view. What it shows
 * lives in the URL (`?view=&date=` and the filters), so a view can be bookmarked and shared.
 */
export function CalendarPage() {
  const { user } = useSession();
  const zone = user.timeZone ?? OFFICE_TIME_ZONE;
  const today = todayIn(zone);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [narrow] = useState(
    () => typeof window !== 'undefined' && window.matchMedia?.(NARROW).matches === true,
  );
  const state = stateFromParams(params, today, narrow);
  const range = visibleRange(state.view, state.date);
  const title = viewTitle(state.view, state.date);
  const titleId = useId();
  useDocumentTitle(`Calendar – ${title}`);

  const update = (patch: Partial<CalendarState>, replace = false) =>
    setParams(paramsFromState({ ...state, ...patch }, today), { replace });
  const setFilters = (patch: Partial<CalendarFilters>) => update(patch, true);

  const query = feedQuery(range, state, zone);
  const feed = useQuery(feedQueryOptions(query));
  const calendars = useQuery(calendarsQuery);
  const occurrences = feed.data?.occurrences ?? [];
  const events = useMemo(() => toCalendarEvents(feed.data?.occurrences ?? [], zone), [feed.data, zone]);
  const editableCalendars = (calendars.data ?? []).filter(writable);
  const defaultCalendar =
    editableCalendars.find((c) => c.kind === 'personal' && c.ownerId === user.id) ?? editableCalendars[0];

  const actions = useOccurrenceActions(zone);
  // e.g. "Requested Van 1 for …" after booking a resource from an occurrence's details.
  const arrived = useArrivalNotice();
  const [selected, setSelected] = useState<{ occurrence: Occurrence; anchor: HTMLElement | null } | null>(
    null,
  );
  useLinkedItem(feed.data?.occurrences, (occurrence, anchor) => setSelected({ occurrence, anchor }));
  const [draft, setDraft] = useState<ItemFormValues | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);

  const back = `${location.pathname}${location.search}`;
  const openQuickCreate = (slot: { start: string; end: string; allDay: boolean }) => {
    if (!defaultCalendar) return;
    actions.setNotice(null);
    setDraft(newItemValues(slot, zone, defaultCalendar.id));
  };
  const editOccurrence = (o: Occurrence) => {
    const q = new URLSearchParams({ back });
    if (o.recurring && o.recurrenceId) q.set('occurrence', o.recurrenceId);
    navigate(`/calendar/items/${o.itemId}/edit?${q}`);
  };

  const pendingDelete = actions.pendingDelete;
  return (
    <>
      <div className="page-header calendar-page-header">
        <h1>Calendar</h1>
        <div className="button-group">
          <button
            ref={newButton}
            type="button"
            className="button button--primary"
            disabled={!defaultCalendar}
            onClick={() => openQuickCreate(nextSlot(state.date, today, zone))}
          >
            New
          </button>
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
          {user.role !== 'viewer' ? (
            <Link className="button" to="/calendar/deleted">
              Recently deleted
            </Link>
          ) : null}
          <button
            type="button"
            className="button filters-toggle"
            aria-expanded={filtersOpen}
            aria-controls="calendar-sidebar"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filters
          </button>
        </div>
      </div>
      <div className="calendar-layout">
        <aside id="calendar-sidebar" className="calendar-sidebar" data-open={filtersOpen || undefined}>
          <MiniMonth selected={state.date} today={today} range={range} onPick={(date) => update({ date })} />
          <CalendarFiltersPanel filters={state} onChange={setFilters} />
        </aside>
        <section className="calendar" aria-labelledby={titleId}>
          <CalendarToolbar
            view={state.view}
            title={title}
            titleId={titleId}
            q={state.q}
            loading={feed.isFetching}
            onStep={(dir) => update({ date: stepDate(state.view, state.date, dir) })}
            onToday={() => update({ date: today })}
            onView={(view) => update({ view })}
            onSearch={(q) => setFilters({ q })}
          />
          {feed.isError ? (
            <FormMessage tone="error">The calendar could not be loaded. Try again.</FormMessage>
          ) : null}
          {feed.data?.truncatedSeries?.length ? (
            <p className="notice notice--warning" role="status">
              Some of your recurring items repeat too often to be shown in full. Simplify their repeat rule:{' '}
              {feed.data.truncatedSeries.slice(0, 5).map((id, i) => (
                <span key={id}>
                  {i > 0 ? ', ' : ''}
                  <Link to={`/calendar/items/${id}/edit`}>
                    {feed.data?.occurrences.find((o) => o.itemId === id)?.title ?? `series ${i + 1}`}
                  </Link>
                </span>
              ))}
              .
            </p>
          ) : feed.data?.truncated ? (
            <p className="notice notice--warning" role="status">
              There are more items in this period than can be shown. Narrow the filters to see them all.
            </p>
          ) : null}
          {actions.notice ? (
            <FormMessage tone={actions.notice.tone}>
              {actions.notice.text}
              {actions.notice.action ? (
                <>
                  {' '}
                  <button type="button" className="button button--small" onClick={actions.notice.action.run}>
                    {actions.notice.action.label}
                  </button>
                </>
              ) : null}
            </FormMessage>
          ) : (
            <FormMessage tone="success">{arrived}</FormMessage>
          )}
          <Suspense
            fallback={
              <p className="calendar-grid" role="status">
                Loading the calendar…
              </p>
            }
          >
            <EventCalendar
              view={ecViewName[state.view]}
              date={state.date}
              events={events}
              zone={zone}
              canCreate={!!defaultCalendar}
              label={`Calendar for ${title}`}
              onEventClick={(occurrence, anchor) => setSelected({ occurrence, anchor })}
              onEventChange={actions.onEventChange}
              onSlot={openQuickCreate}
            />
          </Suspense>
          <PrintAgenda title={title} range={range} occurrences={occurrences} zone={zone} />
        </section>
      </div>

      <OccurrencePopover
        occurrence={selected?.occurrence ?? null}
        anchor={selected?.anchor ?? null}
        zone={zone}
        onClose={() => setSelected(null)}
        onEdit={editOccurrence}
        onDelete={(o, item) => {
          setSelected(null);
          actions.askDelete(o, item);
        }}
      />
      <QuickCreate
        initial={draft}
        calendars={calendars.data ?? []}
        onClose={() => setDraft(null)}
        onCreated={(item) => {
          setDraft(null);
          actions.setNotice({ tone: 'success', text: `Created “${item.title}”.` });
        }}
        onMoreOptions={(values) => navigate(`/calendar/items/new?${draftToSearch(values, back)}`)}
      />
      <ScopeDialog
        open={actions.pendingMove !== null}
        action="change"
        busy={actions.busy}
        onChoose={(scope) => void actions.chooseMoveScope(scope)}
        onCancel={actions.cancelMove}
      />
      <ScopeDialog
        open={pendingDelete?.occurrence.recurring === true}
        action="delete"
        busy={actions.busy}
        onChoose={(scope) => void actions.applyDelete(scope)}
        onCancel={actions.cancelDelete}
        returnFocus={() => newButton.current}
      />
      <Dialog
        title={`Delete “${pendingDelete?.occurrence.title ?? ''}”?`}
        open={pendingDelete !== null && !pendingDelete.occurrence.recurring}
        onClose={actions.cancelDelete}
        returnFocus={() => newButton.current}
      >
        <p>It will be removed from the calendar for everyone.</p>
        <div className="form-actions">
          <button
            type="button"
            className="button button--danger"
            disabled={actions.busy}
            onClick={() => void actions.applyDelete(null)}
          >
            Delete
          </button>
          <button
            type="button"
            className="button button--ghost"
            data-autofocus
            onClick={actions.cancelDelete}
          >
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}
