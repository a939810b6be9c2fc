/**
 * `EventSource` as component tests see it (happy-dom has none): each stream the page opens is
 * kept, and the test plays the server's side, sending named events or dropping the connection.
 */
import { vi } from 'vitest';

export class TestEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  readonly url: string;
  readonly withCredentials: boolean;
  onopen = null;
  onmessage = null;
  onerror = null;

  constructor(url: string | URL, init?: EventSourceInit) {
    super();
    this.url = String(url);
    this.withCredentials = init?.withCredentials ?? false;
    streams.push(this);
  }

  /** The server answered 200 text/event-stream. */
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  /** The server sent `event: <type>` with `data` as JSON. */
  send(type: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  /** The connection failed: `retrying` as after a drop, or closed for good as after an error status. */
  fail(retrying: boolean): void {
    this.readyState = retrying ? 0 : 2;
    this.dispatchEvent(new Event('error'));
  }

  close(): void {
    this.readyState = 2;
  }
}

const streams: TestEventSource[] = [];

/** Installs the stand-in; returns the streams the page opens, in order. */
export function stubEventSource(): TestEventSource[] {
  streams.length = 0;
  vi.stubGlobal('EventSource', TestEventSource);
  return streams;
}
