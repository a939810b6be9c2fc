import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { type InboxDeps, unreadCount } from './inbox.service';
import type { LiveEvent } from './live';

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Serves one inbox stream (Server-Sent Events) on a hijacked reply: the unread count at once,
 * then every event published for the person, until the client goes or the server closes.
 */
export function openStream(
  request: FastifyRequest,
  res: ServerResponse,
  deps: InboxDeps & { userId: string; streams: Set<() => void> },
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  const send = (e: LiveEvent) => res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
  const unsubscribe = deps.live.subscribe(deps.userId, send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    deps.streams.delete(end);
    res.end();
  };
  deps.streams.add(end);
  res.on('close', end);
  res.write('retry: 5000\n\n');
  unreadCount(deps, deps.userId).then(
    (data) => {
      if (!ended) send({ event: 'unread', data });
    },
    () => end(),
  );
}
