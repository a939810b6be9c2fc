import type { Notification } from '@kalendaryo/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { plural } from '../../app/messages';
import { formatDateTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { LoadMore } from '../../app/ui/paged-list';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../auth/session';
import { formatAgo, internalPath } from './format';
import { inboxQuery, markAllRead, markRead, refreshInbox, unreadCountQuery } from './notifications-api';

function MessageLink({ message, onOpen }: { message: Notification; onOpen: () => void }) {
  const path = internalPath(message.link, window.location.origin);
  return path ? (
    <Link to={path} className="inbox-title" onClick={onOpen}>
      {message.title}
    </Link>
  ) : (
    <a href={message.link} className="inbox-title" onClick={onOpen}>
      {message.title}
    </a>
  );
}

function Message({
  message,
  zone,
  now,
  onRead,
}: {
  message: Notification;
  zone: string;
  now: number;
  onRead: (id: string) => void;
}) {
  const unread = message.readAt === null;
  return (
    <li className={unread ? 'inbox-message inbox-message--unread' : 'inbox-message'}>
      <article aria-label={message.title}>
        <h3 className="inbox-heading">
          {unread ? <span className="visually-hidden">Unread: </span> : null}
          <MessageLink message={message} onOpen={() => unread && onRead(message.id)} />
        </h3>
        <p className="inbox-body">{message.body}</p>
        <p className="inbox-meta">
          <time dateTime={message.createdAt}>
            {formatAgo(message.createdAt, now)} · {formatDateTime(message.createdAt, zone)}
          </time>
          {unread ? (
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={`Mark as read: ${message.title}`}
              onClick={() => onRead(message.id)}
            >
              Mark as read
            </button>
          ) : null}
        </p>
      </article>
    </li>
  );
}

/** Minute by minute, so "5 minutes ago" stays true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The inbox: a person's messages, newest first, unread or all, read on opening. */
export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const unreadOnly = search.get('show') === 'unread';
  const query = useInfiniteQuery(inboxQuery(unreadOnly));
  const unread = useQuery(unreadCountQuery).data ?? 0;
  const messages = query.data?.pages.flatMap((p) => p.items) ?? [];
  const now = useNow();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [firstNew, setFirstNew] = useState<number | null>(null);

  const read = useMutation({
    mutationFn: markRead,
    onSettled: () => refreshInbox(queryClient),
  });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: () => listHeading.current?.focus(),
    onSettled: () => refreshInbox(queryClient),
  });

  // After "Load more", focus moves to the first message that came with it.
  useEffect(() => {
    if (firstNew === null || messages.length <= firstNew) return;
    listRef.current?.querySelectorAll<HTMLElement>('.inbox-title')[firstNew]?.focus();
    setFirstNew(null);
  }, [firstNew, messages.length]);

  const show = (which: 'all' | 'unread') => {
    readAll.reset();
    setSearch(which === 'unread' ? { show: 'unread' } : {}, { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <h1>Notifications</h1>
        <div className="row-actions">
          <Link to="/settings/notifications" className="button button--ghost">
            Preferences
          </Link>
          <button
            type="button"
            className="button"
            disabled={unread === 0 || readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {readAll.isPending ? 'Marking…' : 'Mark all as read'}
          </button>
        </div>
      </div>
      <FormMessage tone="success">
        {readAll.isSuccess ? `Marked ${plural(readAll.data.marked, 'message')} as read.` : null}
      </FormMessage>
      <FormMessage tone="error">
        {readAll.isError ? errorMessage(readAll.error) : read.isError ? errorMessage(read.error) : null}
      </FormMessage>
      <fieldset className="view-switcher inbox-filter" aria-label="Show">
        {(['all', 'unread'] as const).map((which) => (
          <button
            key={which}
            type="button"
            className="button"
            aria-pressed={unreadOnly === (which === 'unread')}
            onClick={() => show(which)}
          >
            {which === 'all' ? 'All' : `Unread (${unread})`}
          </button>
        ))}
      </fieldset>
      <section className="card inbox" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading" ref={listHeading} tabIndex={-1}>
          {unreadOnly ? 'Unread messages' : 'All messages'}
        </h2>
        {query.isPending ? (
          <p role="status">Loading messages…</p>
        ) : query.isError && !query.data ? (
          <FormMessage tone="error">
            {errorMessage(query.error)}{' '}
            <button type="button" className="button button--small" onClick={() => void query.refetch()}>
              Try again
            </button>
          </FormMessage>
        ) : messages.length === 0 ? (
          <p className="inbox-empty" role="status">
            {unreadOnly
              ? 'You are all caught up: no unread messages.'
              : 'No messages yet. Invitations, changes, reminders and decisions on your requests will appear here.'}
          </p>
        ) : (
          <ul ref={listRef} className="inbox-list" aria-labelledby="inbox-heading">
            {messages.map((m) => (
              <Message
                key={m.id}
                message={m}
                zone={user.timeZone}
                now={now}
                onRead={(id) => read.mutate(id)}
              />
            ))}
          </ul>
        )}
        <LoadMore
          query={{
            ...query,
            fetchNextPage: () => {
              setFirstNew(messages.length);
              return query.fetchNextPage();
            },
          }}
          loadingLabel="Loading older messages…"
        />
        {query.isFetchNextPageError ? (
          <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
        ) : null}
      </section>
    </>
  );
}
