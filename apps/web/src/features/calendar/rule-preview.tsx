import { useMemo } from 'react';
import { previewRule } from './recurrence-form';
import { formatWall } from './zoned';

interface Props {
  /** First start: a wall time 'YYYY-MM-DDTHH:mm:ss', or a date for all-day items. */
  dtstart: string;
  zone: string | null;
  rrule: string;
  allDay: boolean;
  /** The rule in words, above the dates. */
  summary: string;
}

const dayFormat: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
};
const timeFormat: Intl.DateTimeFormatOptions = { ...dayFormat, hour: 'numeric', minute: '2-digit' };

/** The next occurrences of the rule, worked out in the browser as the person types. */
export function RulePreview({ dtstart, zone, rrule, allDay, summary }: Props) {
  const preview = useMemo(() => previewRule(dtstart, zone, rrule), [dtstart, zone, rrule]);
  return (
    <section className="rule-preview" aria-label="Next occurrences" aria-live="polite">
      <h3>Next occurrences</h3>
      <p className="field-hint">{summary}</p>
      {'problem' in preview ? (
        <p className="field-error" role="alert">
          {preview.problem}
        </p>
      ) : preview.starts.length ? (
        <ol>
          {preview.starts.map((start) => (
            <li key={start}>{formatWall(start, allDay ? dayFormat : timeFormat)}</li>
          ))}
        </ol>
      ) : (
        <p>This rule makes no occurrences.</p>
      )}
    </section>
  );
}
