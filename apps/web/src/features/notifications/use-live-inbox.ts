import type { Notification, UnreadCount } from '@kalendaryo/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { API_BASE } from '../../app/api';
import { refreshInbox, setUnread, unreadCountQuery } from './notifications-api';

/** How often the count is read while the live stream is down. */
export const POLL_MS = 60_000;
/** How long after the browser gave up on the stream a new one is tried. */
const REOPEN_MS = 60_000;

export const STREAM_URL = `${API_BASE}/notifications/stream`;

function parse<T>(event: Event): T | null {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

/**
 * The unread count, kept current over Server-Sent Events (`event: unread`), with every new
 * message (`event: notification`) refreshing the inbox and passed to `onMessage`. The session
 * cookie authenticates the stream. The browser reconnects a dropped stream itself; while it is
 * down, and where EventSource is missing or refused, the count is read every 60 s instead.
 */
export function useLiveInbox(onMessage: (n: Notification) => void): number {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const onMessageRef = useRef(onMessage);
  onMessageRef.current = onMessage;
  const count = useQuery({ ...unreadCountQuery, refetchInterval: live ? false : POLL_MS });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;
    const open = () => {
      const es = new EventSource(STREAM_URL, { withCredentials: true });
      source = es;
      es.addEventListener('open', () => {
        setLive(true);
        // Messages that came while the stream was down: the inbox is read again.
        if (connectedBefore) void refreshInbox(queryClient);
        connectedBefore = true;
      });
      es.addEventListener('unread', (event) => {
        const data = parse<UnreadCount>(event);
        if (data && typeof data.unread === 'number') setUnread(queryClient, data.unread);
      });
      es.addEventListener('notification', (event) => {
        const message = parse<Notification>(event);
        void refreshInbox(queryClient);
        if (message) onMessageRef.current(message);
      });
      es.addEventListener('error', () => {
        setLive(false);
        // CONNECTING: the browser is already trying again. CLOSED: it gave up (an error status,
        // a wrong content type), so the count is polled and the stream tried again later.
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      });
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
    };
  }, [queryClient]);

  return count.data ?? 0;
}
