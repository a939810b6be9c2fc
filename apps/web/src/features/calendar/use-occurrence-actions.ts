import type { EditScope, Item, Occurrence } from '@kalendaryo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../app/api';
import type { Notice } from '../../app/ui/alert';
import {
  deleteItem,
  feedKey,
  isBookingConflict,
  isStale,
  itemKey,
  itemQuery,
  restoredText,
  restoreItem,
  updateItem,
} from './calendar-api';
import { type Delta, movedSeries, movedTimes } from './calendar-events';

export interface PendingMove {
  occurrence: Occurrence;
  delta?: Delta | undefined;
  endDelta?: Delta | undefined;
  revert: () => void;
}

const STALE =
  'Someone else changed this event while you were looking at it. The calendar now shows the latest version; try again.';

/**
 * Moving, resizing and deleting occurrences from the grid, asking "this / following / all" for
 * series first. A refused or cancelled move is reverted on the grid.
 */
export function useOccurrenceActions(zone: string) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const [pendingDelete, setPendingDelete] = useState<{ occurrence: Occurrence; item: Item } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: feedKey });
    void queryClient.invalidateQueries({ queryKey: itemKey(id) });
  };

  const failed = (e: unknown, id: string) => {
    setNotice({ tone: 'error', text: isStale(e) ? STALE : errorMessage(e) });
    refresh(id);
  };

  async function applyMove(move: PendingMove, scope: EditScope, keepBookings = false) {
    const o = move.occurrence;
    const id = o.itemId!;
    setBusy(true);
    try {
      const item = await queryClient.fetchQuery({ ...itemQuery(id), staleTime: 0 });
      const body =
        scope === 'all' && o.recurring
          ? movedSeries(item.dtstart, item.dtend, move.delta, move.endDelta)
          : movedTimes(o, zone, move.delta, move.endDelta);
      await updateItem(
        id,
        item.version,
        body,
        o.recurring ? { scope, occurrence: o.recurrenceId } : undefined,
        { keepBookings },
      );
      const what = { this: '', future: ' and the following events', all: ' and the whole series' }[scope];
      setNotice({ tone: 'success', text: `Moved “${o.title}”${o.recurring ? what : ''}.` });
      refresh(id);
    } catch (e) {
      move.revert();
      if (isBookingConflict(e) && !keepBookings) {
        // The room or vehicle is taken at the new time: offer the move without its bookings.
        setNotice({
          tone: 'error',
          text: `“${o.title}” was not moved: ${errorMessage(e)} Move it anyway? Its bookings are then cancelled.`,
          action: { label: 'Move without the bookings', run: () => void applyMove(move, scope, true) },
        });
        refresh(id);
      } else failed(e, id);
    } finally {
      setBusy(false);
      setPendingMove(null);
    }
  }

  /** A drag or resize of an occurrence on the grid. */
  function onEventChange(change: PendingMove & { allDayChanged: boolean }) {
    setNotice(null);
    if (change.allDayChanged) {
      change.revert();
      setNotice({ tone: 'error', text: 'To switch between all-day and timed, open the event and edit it.' });
      return;
    }
    if (change.occurrence.recurring) setPendingMove(change);
    else void applyMove(change, 'all');
  }

  function cancelMove() {
    pendingMove?.revert();
    setPendingMove(null);
  }

  async function applyDelete(scope: EditScope | null, target = pendingDelete) {
    if (!target) return;
    const { occurrence: o, item } = target;
    setBusy(true);
    try {
      await deleteItem(item.id, scope ? { scope, occurrence: o.recurrenceId } : undefined);
      // The whole item (not one or the following occurrences) can come back for 30 days.
      const whole = scope === null || scope === 'all';
      setNotice({
        tone: 'success',
        text: `Deleted “${o.title}”.`,
        action: whole ? { label: 'Undo', run: () => void undoDelete(item.id, o.title) } : undefined,
      });
      queryClient.removeQueries({ queryKey: itemKey(item.id) });
      void queryClient.invalidateQueries({ queryKey: feedKey });
    } catch (e) {
      failed(e, item.id);
    } finally {
      setBusy(false);
      setPendingDelete(null);
    }
  }

  async function undoDelete(id: string, title: string) {
    setBusy(true);
    try {
      setNotice({ tone: 'success', text: restoredText(title, await restoreItem(id)) });
      refresh(id);
    } catch (e) {
      setNotice({ tone: 'error', text: `“${title}” could not be restored: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return {
    notice,
    setNotice,
    busy,
    pendingMove,
    pendingDelete,
    onEventChange,
    chooseMoveScope: (scope: EditScope) => (pendingMove ? applyMove(pendingMove, scope) : undefined),
    cancelMove,
    askDelete: (occurrence: Occurrence, item: Item) => {
      setNotice(null);
      setPendingDelete({ occurrence, item });
    },
    applyDelete,
    cancelDelete: () => setPendingDelete(null),
  };
}
