import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import {
  addMonths,
  formatYearMonth,
  formatYearMonthParam,
  monthAt,
  OFFICE_TIME_ZONE,
  parseYearMonth,
  type YearMonth,
} from './month';

/**
 * The home page. The month view itself arrives with the calendar component
 * (@event-calendar/core); until then the region below holds its place.
 */
export function CalendarPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const timeZone = user.timeZone ?? OFFICE_TIME_ZONE;
  const today = monthAt(new Date(), timeZone);
  const month = parseYearMonth(params.get('month')) ?? today;
  const title = formatYearMonth(month);
  useDocumentTitle(`Calendar – ${title}`);

  const go = (target: YearMonth) => {
    const next = new URLSearchParams(params);
    if (target.year === today.year && target.month === today.month) next.delete('month');
    else next.set('month', formatYearMonthParam(target));
    setParams(next);
  };

  return (
    <>
      <div className="page-header">
        <h1>Calendar</h1>
      </div>
      <section className="calendar" aria-labelledby="calendar-month">
        <div className="calendar-toolbar">
          <h2 id="calendar-month" aria-live="polite">
            {title}
          </h2>
          <div className="button-group">
            <button
              type="button"
              className="button button--small"
              aria-label="Previous month"
              onClick={() => go(addMonths(month, -1))}
            >
              <span aria-hidden="true">‹</span>
            </button>
            <button type="button" className="button button--small" onClick={() => go(today)}>
              Today
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label="Next month"
              onClick={() => go(addMonths(month, 1))}
            >
              <span aria-hidden="true">›</span>
            </button>
          </div>
        </div>
        <section id="calendar-view" className="calendar-placeholder" aria-label={`Calendar for ${title}`}>
          <p>
            The month, week, day and agenda views of every coordination event, engagement, task, MANA
            assessment, community event and leave will appear here.
          </p>
        </section>
      </section>
    </>
  );
}
