import type { Notification } from '@kalendaryo/contract';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useLiveInbox } from './use-live-inbox';

/** The name of the navigation's inbox link: "Notifications, 3 unread". */
export const inboxLinkLabel = (count: number): string | undefined =>
  count > 0 ? `Notifications, ${count} unread` : undefined;

/** The count beside "Notifications" in the navigation (its link is named by `inboxLinkLabel`). */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="nav-badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}

/**
 * A short notice of a message that just arrived: announced by screen readers (a polite status
 * region that is always in the page, so the change is heard) and shown until dismissed or the
 * inbox is opened.
 */
function NewMessageToast({ message, onDismiss }: { message: Notification | null; onDismiss: () => void }) {
  return (
    <div className="toast-region" role="status">
      {message ? (
        <div className="toast">
          <p>
            <span className="toast-label">New notification: </span>
            {message.title}
          </p>
          <div className="toast-actions">
            <Link to="/notifications" className="button button--small" onClick={onDismiss}>
              Open inbox
            </Link>
            <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The unread count (live) and the notice of new messages, for the app's header. */
export function useInboxIndicator() {
  const [latest, setLatest] = useState<Notification | null>(null);
  const { pathname } = useLocation();
  const onInbox = pathname === '/notifications';
  const onInboxRef = useRef(onInbox);
  onInboxRef.current = onInbox;
  // The inbox itself shows a new message at once: no notice there.
  const unread = useLiveInbox((n) => setLatest(onInboxRef.current ? null : n));
  useEffect(() => {
    if (onInbox) setLatest(null);
  }, [onInbox]);
  return {
    unread,
    toast: <NewMessageToast message={latest} onDismiss={() => setLatest(null)} />,
  };
}
