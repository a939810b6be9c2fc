import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { FormMessage, type Notice } from '../../app/ui/alert';
import { LoadMore } from '../../app/ui/paged-list';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { deletedKey, deletedQuery, feedKey, restoredText, restoreItem } from './calendar-api';
import { kindLabels } from './labels';

/**
 * Recently deleted: the items this person deleted, or could have, in the last 30 days, each with
 * a button that restores it (bookings it had stay cancelled: see the user guide).
 */
export function DeletedItemsPage() {
  useDocumentTitle('Recently deleted');
  const { user } = useSession();
  const zone = user.timeZone;
  const queryClient = useQueryClient();
  const query = useInfiniteQuery(deletedQuery);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [notice, setNotice] = useState<(Notice & { itemId?: string }) | null>(null);
  const restore = useMutation({
    mutationFn: (d: { id: string; title: string }) => restoreItem(d.id),
    onSuccess: (item, d) =>
      setNotice({ tone: 'success', text: restoredText(d.title, item), itemId: item.id }),
    onError: (e, d) =>
      setNotice({ tone: 'error', text: `“${d.title}” could not be restored: ${errorMessage(e)}` }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: deletedKey });
      void queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });

  return (
    <>
      <div className="page-header">
        <h1>Recently deleted</h1>
        <Link className="button" to="/calendar">
          Back to the calendar
        </Link>
      </div>
      <p>Deleted items can be restored for 30 days. Their room and vehicle bookings stay cancelled.</p>
      {notice ? (
        <FormMessage tone={notice.tone}>
          {notice.text} {notice.itemId ? <Link to={`/calendar/items/${notice.itemId}`}>Open it</Link> : null}
        </FormMessage>
      ) : null}
      {query.isPending ? (
        <p role="status">Loading deleted items…</p>
      ) : query.isError && !query.data ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : items.length === 0 ? (
        <p role="status">Nothing was deleted in the last 30 days.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" aria-label="Deleted items" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Was on</th>
                <th scope="col">Deleted</th>
                <th scope="col">Restorable until</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.title}
                    <span className="cell-note">{kindLabels[d.kind]}</span>
                  </th>
                  <td>{formatDateTime(d.start, zone)}</td>
                  <td>{formatDateTime(d.deletedAt, zone)}</td>
                  <td>{formatDateTime(d.restorableUntil, zone)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={restore.isPending}
                      aria-label={`Restore “${d.title}”`}
                      onClick={() => {
                        setNotice(null);
                        restore.mutate({ id: d.id, title: d.title });
                      }}
                    >
                      Restore
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <LoadMore query={query} loadingLabel="Load more" />
    </>
  );
}
