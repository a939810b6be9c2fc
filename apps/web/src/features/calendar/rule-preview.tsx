import { expandRecurrence, isAppError } from '@kalendaryo/domain';
import { useMemo } from 'react';
import { formatWall } from '../../app/time';

interface Props {
  /** First start: a wall time 'YYYY-MM-DDTHH:mm:ss', or a date for all-day items. */
  dtstart: string;
  zone: string | null;
  rrule: string;
  allDay: boolean;
  /** The rule in words, above the dates. */
  summary: string;
}

/** What the preview shows: the next starts (wall times, or dates for all-day series), or why not. */
type PreviewResult = { starts: string[] } | { problem: string };

/**
 * The first `limit` starts of a series, expanded in the browser by the domain (the same code the
 * server uses), so the preview follows every keystroke without a request and works offline.
 * `dtstart` is the form's first start: a wall time 'YYYY-MM-DDTHH:mm:ss', or a date if all-day.
 */
export function previewRule(dtstart: string, zone: string | null, rrule: string, limit = 10): PreviewResult {
  try {
    const occurrences = expandRecurrence({ dtstart, tzid: zone, rrule }, { limit });
    return { starts: occurrences.map((o) => o.local) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === 'recurrence.invalid_input' && e.fields?.[0]?.field === 'dtstart')
      return { problem: 'Enter when it starts to see the next occurrences.' };
    return { problem: `The dates cannot be worked out: ${e.detail ?? e.message}` };
  }
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
