import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { type CalendarView, calendarViews, stepUnit, viewLabels } from './view-state';

interface Props {
  view: CalendarView;
  title: string;
  titleId: string;
  q: string;
  loading: boolean;
  onStep: (dir: 1 | -1) => void;
  onToday: () => void;
  onView: (view: CalendarView) => void;
  onSearch: (q: string) => void;
}

/** Previous / Today / Next, the title of the range, the view switcher and the search box. */
export function CalendarToolbar({
  view,
  title,
  titleId,
  q,
  loading,
  onStep,
  onToday,
  onView,
  onSearch,
}: Props) {
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, 350);
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to the typed text only
  useEffect(() => {
    if (debounced.trim() !== q.trim()) onSearch(debounced);
  }, [debounced]);
  useEffect(() => setText((t) => (t.trim() === q.trim() ? t : q)), [q]);
  const unit = stepUnit[view];

  return (
    <div className="calendar-toolbar">
      <div className="calendar-nav">
        <div className="button-group">
          <button
            type="button"
            className="button button--small"
            aria-label={`Previous ${unit}`}
            onClick={() => onStep(-1)}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <button type="button" className="button button--small" onClick={onToday}>
            Today
          </button>
          <button
            type="button"
            className="button button--small"
            aria-label={`Next ${unit}`}
            onClick={() => onStep(1)}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 id={titleId} className="calendar-title" aria-live="polite">
          {title}
        </h2>
        {loading ? (
          <span className="calendar-loading" role="status">
            Loading…
          </span>
        ) : null}
      </div>
      <div className="calendar-tools">
        <fieldset className="view-switcher">
          <legend className="visually-hidden">View</legend>
          {calendarViews.map((v) => (
            <button
              key={v}
              type="button"
              className="button button--small"
              aria-pressed={v === view}
              onClick={() => onView(v)}
            >
              {viewLabels[v]}
            </button>
          ))}
        </fieldset>
        <search className="calendar-search">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onSearch(text);
            }}
          >
            <label htmlFor="calendar-search" className="visually-hidden">
              Search the calendar
            </label>
            <input
              id="calendar-search"
              type="search"
              placeholder="Search title, description…"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </form>
        </search>
      </div>
    </div>
  );
}
