import type { Occurrence } from '@kalendaryo/contract';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A link into the calendar that names an item (`?item=<id>[&occurrence=<recurrence id>]`, as
 * notifications carry) opens that item's details once the feed has it, then leaves the URL as a
 * plain view of the day, so closing the details does not open them again.
 */
export function useLinkedItem(
  occurrences: readonly Occurrence[] | undefined,
  open: (occurrence: Occurrence, anchor: HTMLElement | null) => void,
): void {
  const [params, setParams] = useSearchParams();
  const itemId = params.get('item');
  const recurrenceId = params.get('occurrence');
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    if (!itemId || !occurrences) return;
    const ofItem = occurrences.filter((o) => o.itemId === itemId);
    const found = ofItem.find((o) => recurrenceId && o.recurrenceId === recurrenceId) ?? ofItem[0];
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('item');
        next.delete('occurrence');
        return next;
      },
      { replace: true },
    );
    if (!found) return;
    const anchor = document.querySelector<HTMLElement>(
      `.calendar-grid [data-item-id="${CSS.escape(itemId)}"]`,
    );
    openRef.current(found, anchor);
  }, [itemId, recurrenceId, occurrences, setParams]);
}
