import { EventEmitter } from 'node:events';
import type { Notification, UnreadCount } from '@kalendaryo/contract';
import type { Redis } from 'ioredis';

/** What the inbox stream sends: a new message, or the unread count after a change. */
export type LiveEvent =
  | { event: 'notification'; data: Notification }
  | { event: 'unread'; data: UnreadCount };

/**
 * Live updates of people's inboxes. Without Redis, an in-process emitter (one app server, or the
 * embedded database's single process); with Redis, every app server subscribes to one channel, so
 * a message sent by a worker anywhere reaches the stream of whichever server the person is on.
 */
export interface LiveHub {
  publish(userId: string, e: LiveEvent): Promise<void>;
  /** Calls `listener` for the person's events until the returned function is called. */
  subscribe(userId: string, listener: (e: LiveEvent) => void): () => void;
  /** False when nobody anywhere can be listening for the person (so there is nothing to compute). */
  listening(userId: string): boolean;
  close(): Promise<void>;
}

const CHANNEL = 'kalendaryo:inbox';

class LocalHub implements LiveHub {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(userId: string, e: LiveEvent): Promise<void> {
    this.emitter.emit(userId, e);
  }

  subscribe(userId: string, listener: (e: LiveEvent) => void): () => void {
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }

  listening(userId: string): boolean {
    return this.emitter.listenerCount(userId) > 0;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

class RedisHub extends LocalHub {
  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    super();
    sub.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      try {
        const { userId, e } = JSON.parse(text) as { userId: string; e: LiveEvent };
        this.emitter.emit(userId, e);
      } catch {
        // A message that is not ours on our channel: nothing to deliver.
      }
    });
  }

  /** Subscribes a dedicated connection (a subscribed Redis connection can do nothing else). */
  static async open(redis: Redis): Promise<RedisHub> {
    const sub = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: true });
    sub.on('error', () => {});
    await sub.connect().catch(() => {});
    // Queued until connected (never awaited: a Redis that is down must not hold up start-up);
    // ioredis subscribes again after every reconnection.
    void sub.subscribe(CHANNEL).catch(() => {});
    return new RedisHub(redis, sub);
  }

  override async publish(userId: string, e: LiveEvent): Promise<void> {
    try {
      await this.pub.publish(CHANNEL, JSON.stringify({ userId, e }));
    } catch {
      // Redis is down: the people on this server still get it; the inbox holds it for the rest.
      this.emitter.emit(userId, e);
    }
  }

  /** Streams on other servers are not known here. */
  override listening(): boolean {
    return true;
  }

  override async close(): Promise<void> {
    await super.close();
    this.sub.disconnect();
  }
}

/** The hub for this process: through Redis when there is one. */
export async function openLiveHub(redis: Redis | null | undefined): Promise<LiveHub> {
  return redis ? RedisHub.open(redis) : new LocalHub();
}
