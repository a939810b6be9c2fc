import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { errorMessage, hasCode } from '../../app/api';
import { addDays, todayIn } from '../../app/time';
import { useDocumentTitle } from '../../app/use-document-title';
import { signInPath } from '../auth/next-path';
import { toCalendarEvents } from '../calendar/calendar-events';
import { EventCalendar } from '../calendar/event-calendar';
import { acceptLink, publicCalendarQuery, publicLinkQuery } from './sharing-api';

const views = [
  { id: 'dayGridMonth', label: 'Month' },
  { id: 'timeGridWeek', label: 'Week' },
  { id: 'listMonth', label: 'Agenda' },
] as const;
const noop = () => {};

/** The weeks around `date`'s month: what the month grid shows, and every week of it. */
function windowOf(date: string) {
  const first = `${date.slice(0, 8)}01`;
  const start = addDays(first, -7);
  return { start: `${start}T00:00:00Z`, end: `${addDays(start, 49)}T00:00:00Z` };
}

function EditLink({ token, name }: { token: string; name: string }) {
  const navigate = useNavigate();
  const accept = useMutation({
    mutationFn: () => acceptLink(token),
    onSuccess: () => navigate('/calendar'),
    onError: (e) => {
      if (hasCode(e, 'auth.required')) navigate(signInPath(`/share/${token}`));
    },
  });
  return (
    <>
      <p>This link lets a signed-in colleague edit “{name}”.</p>
      <button type="button" className="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
        Add it to my calendars
      </button>
      {accept.error && !hasCode(accept.error, 'auth.required') ? (
        <p role="alert">{errorMessage(accept.error)}</p>
      ) : null}
    </>
  );
}

function SharedCalendar({ token, name }: { token: string; name: string }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [view, setView] = useState<(typeof views)[number]['id']>('dayGridMonth');
  const [date, setDate] = useState(() => todayIn(zone));
  const w = windowOf(date);
  const feed = useQuery(publicCalendarQuery(token, w.start, w.end, zone));
  const step = view === 'timeGridWeek' ? 7 : 30;
  const move = (n: number) =>
    setDate((d) => (view === 'timeGridWeek' ? addDays(d, n * step) : addDays(`${d.slice(0, 8)}15`, n * 30)));
  return (
    <>
      <div className="public-toolbar" role="toolbar" aria-label="Calendar views">
        <button type="button" className="button" onClick={() => move(-1)}>
          Previous
        </button>
        <button type="button" className="button" onClick={() => setDate(todayIn(zone))}>
          Today
        </button>
        <button type="button" className="button" onClick={() => move(1)}>
          Next
        </button>
        {views.map((v) => (
          <button
            key={v.id}
            type="button"
            className="button"
            aria-pressed={view === v.id}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <h2 className="public-period">
        {new Date(`${date}T12:00:00Z`).toLocaleDateString('en-PH', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        })}
      </h2>
      {feed.error ? <p role="alert">{errorMessage(feed.error)}</p> : null}
      <EventCalendar
        view={view}
        date={date}
        events={toCalendarEvents(feed.data?.occurrences ?? [], zone)}
        zone={zone}
        canCreate={false}
        label={`${name}, read-only`}
        onEventClick={noop}
        onEventChange={({ revert }) => revert()}
        onSlot={noop}
      />
    </>
  );
}

/** `/share/<token>`: a calendar opened by a share link, without signing in. */
export function PublicCalendarPage() {
  const token = useParams().token ?? '';
  const link = useQuery(publicLinkQuery(token));
  const name = link.data?.calendar.name ?? 'Shared calendar';
  useDocumentTitle(name);
  return (
    <main id="main" className="public-calendar">
      <h1>
        {link.data ? (
          <span className="swatch" style={{ background: link.data.calendar.color }} aria-hidden="true" />
        ) : null}
        {link.isError ? 'This link does not work' : name}
      </h1>
      {link.isPending ? <p role="status">Opening the calendar…</p> : null}
      {link.isError ? (
        <p role="alert">
          {hasCode(link.error, 'share_link.not_found')
            ? 'The link has expired, was revoked or was used up. Ask whoever shared it for a new one.'
            : errorMessage(link.error)}
        </p>
      ) : null}
      {link.data?.access === 'view' ? (
        <>
          <p>
            <a
              href={`/api/v1/public/links/${encodeURIComponent(token)}/calendar.ics`}
              download="calendar.ics"
            >
              Download this calendar (.ics)
            </a>
          </p>
          <SharedCalendar token={token} name={name} />
        </>
      ) : null}
      {link.data?.access === 'edit' ? <EditLink token={token} name={name} /> : null}
    </main>
  );
}
