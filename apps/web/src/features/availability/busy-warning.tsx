import { useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '../../app/use-debounced-value';
import { type BusyLine, busyLines, freeBusyQuery, lineText, type Span } from './availability-api';

/** Someone whose time is checked, with the name the warning shows. */
export interface Someone {
  id: string;
  name: string;
}

/** The lines of who among `people` is busy or on leave in `span`, asked as the values settle. */
export function useBusyLines(
  people: readonly Someone[],
  span: Span | null,
  ignoreItemId?: string,
): BusyLine[] {
  // Asked once the values have stopped changing, not at every keystroke.
  const settled = useDebouncedValue(JSON.stringify({ ids: people.map((p) => p.id), span }), 400);
  const { ids, span: asked } = JSON.parse(settled) as { ids: string[]; span: Span | null };
  const busy = useQuery(freeBusyQuery(ids, asked));
  if (!busy.data) return [];
  return busyLines(busy.data.busy, new Map(people.map((p) => [p.id, p.name])), ignoreItemId);
}

/** A list of busy lines in a warning, or nothing when there are none. */
export function BusyNotice({ lines, title }: { lines: readonly BusyLine[]; title: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="notice notice--warning" role="status" aria-label={title}>
      <p>{title}</p>
      <ul className="plain-list">
        {lines.map((l) => (
          <li key={`${l.userId} ${l.kind}`}>{lineText(l)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Warns, before saving, that some of `people` are busy or on leave at the chosen time (as the
 * booking form warns of a taken resource). Only a warning: saving stays possible.
 */
export function BusyWarning({
  people,
  span,
  ignoreItemId,
}: {
  people: readonly Someone[];
  span: Span | null;
  ignoreItemId?: string | undefined;
}) {
  const lines = useBusyLines(people, span, ignoreItemId);
  return <BusyNotice lines={lines} title="Not everyone is free at this time" />;
}
