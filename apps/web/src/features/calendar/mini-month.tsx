import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { addDays, addMonths, daysBetween, formatWall, startOfMonth, startOfWeek } from '../../app/time';
import { FIRST_DAY, visibleRange } from './view-state';

interface Props {
  /** The date the calendar shows. */
  selected: string;
  today: string;
  /** Days of the main view, highlighted. */
  range: { start: string; end: string };
  onPick: (date: string) => void;
}

const keySteps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * A small month grid beside the calendar: pick a day to go there. Arrow keys move between days
 * (one tab stop for the whole grid, as in the ARIA grid pattern); PageUp/PageDown change month.
 */
export function MiniMonth({ selected, today, range, onPick }: Props) {
  const [month, setMonth] = useState(startOfMonth(selected));
  const [focusDate, setFocusDate] = useState(selected);
  const gridRef = useRef<HTMLTableElement>(null);
  const moveFocus = useRef(false);
  const captionId = useId();

  useEffect(() => {
    setMonth(startOfMonth(selected));
    setFocusDate(selected);
  }, [selected]);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${focusDate}"]`)?.focus();
  }, [focusDate]);

  const grid = visibleRange('month', month);
  const weeks: string[][] = [];
  for (let i = 0; i < daysBetween(grid.start, grid.end); i += 7) {
    weeks.push(Array.from({ length: 7 }, (_, d) => addDays(grid.start, i + d)));
  }
  const headers = Array.from({ length: 7 }, (_, d) => addDays(startOfWeek(today, FIRST_DAY), d));

  const goTo = (date: string) => {
    moveFocus.current = true;
    setFocusDate(date);
    if (startOfMonth(date) !== month) setMonth(startOfMonth(date));
  };

  const onKeyDown = (event: KeyboardEvent, date: string) => {
    let next: string | null = null;
    if (event.key in keySteps) next = addDays(date, keySteps[event.key]!);
    else if (event.key === 'PageUp') next = addMonths(date, -1);
    else if (event.key === 'PageDown') next = addMonths(date, 1);
    else if (event.key === 'Home') next = startOfWeek(date, FIRST_DAY);
    else if (event.key === 'End') next = addDays(startOfWeek(date, FIRST_DAY), 6);
    if (next === null) return;
    event.preventDefault();
    goTo(next);
  };

  const focusable = startOfMonth(focusDate) === month ? focusDate : month;

  return (
    <div className="mini-month">
      <div className="mini-month-header">
        <button
          type="button"
          className="icon-button"
          aria-label="Previous month (mini calendar)"
          onClick={() => setMonth(addMonths(month, -1))}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <p id={captionId} className="mini-month-title" aria-live="polite">
          {formatWall(month, { month: 'long', year: 'numeric' })}
        </p>
        <button
          type="button"
          className="icon-button"
          aria-label="Next month (mini calendar)"
          onClick={() => setMonth(addMonths(month, 1))}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table ref={gridRef} className="mini-month-grid" aria-labelledby={captionId}>
        <thead>
          <tr>
            {headers.map((d) => (
              <th key={d} scope="col" abbr={formatWall(d, { weekday: 'long' })}>
                {formatWall(d, { weekday: 'narrow' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((d) => {
                const classes = ['mini-day'];
                if (startOfMonth(d) !== month) classes.push('mini-day--outside');
                if (d >= range.start && d < range.end) classes.push('mini-day--in-view');
                if (d === selected) classes.push('mini-day--selected');
                if (d === today) classes.push('mini-day--today');
                return (
                  <td key={d}>
                    <button
                      type="button"
                      className={classes.join(' ')}
                      data-date={d}
                      tabIndex={d === focusable ? 0 : -1}
                      aria-label={formatWall(d, {
                        weekday: 'long',
                        day: 'numeric',
                        month: 'long',
                        year: 'numeric',
                      })}
                      aria-current={d === today ? 'date' : undefined}
                      aria-pressed={d === selected}
                      onClick={() => onPick(d)}
                      onKeyDown={(e) => onKeyDown(e, d)}
                    >
                      {Number(d.slice(8, 10))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
