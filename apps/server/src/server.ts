import type { Redis } from 'ioredis';
import { type Config, loadConfig } from './config';
import { openDatabase } from './db/open';
import { buildApp } from './http/app';
import { startBookingHorizonTimer } from './modules/bookings';
import { createChannels, openLiveHub, startNotificationWorker } from './modules/notifications';
import { ensureFirstAdmin } from './modules/users';
import { ensureWebBuilt } from './web-build';

/**
 * Connects to Redis when REDIS_URL is set. While Redis is down Kalendaryo keeps serving: the
 * shared rate limit is skipped (requests pass) rather than every request failing.
 */
export async function connectRedis(url: string | undefined): Promise<Redis | null> {
  if (!url) return null;
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
  });
  redis.on('error', () => {});
  await redis.connect().catch(() => {});
  return redis;
}

/**
 * Starts Kalendaryo: builds the web app if needed, opens and migrates the database, creates the
 * first administrator from the environment, listens, and shuts down gracefully on SIGTERM/SIGINT.
 */
export async function serve(config: Config = loadConfig()) {
  // A web build that fails (a broken source, no Vite installed) must not keep the calendar API
  // down: log why and serve the API; web pages answer 503 until a build succeeds.
  await ensureWebBuilt(config.webDist).catch((e: unknown) => {
    console.error(
      `The web app could not be built; serving the API only. ${e instanceof Error ? e.message : e}`,
    );
  });
  const opened = await openDatabase(config);
  const redis = await connectRedis(config.redisUrl);
  const live = await openLiveHub(redis);
  // Email, SMS and push, made once: the delivery worker sends through them, health reports mail.
  const channels = createChannels(config, opened.db);
  const app = await buildApp({
    db: opened.db,
    config,
    redis,
    live,
    mail: channels.find((c) => c.name === 'email') ?? null,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  await ensureFirstAdmin({ db: opened.db, config }, app.log);
  // Books occurrences of recurring items as the booking horizon moves (hourly, unref'd).
  const stopHorizon = startBookingHorizonTimer(opened.db, app.log);
  // Sends the notification outbox (PGlite is one process, so its worker always runs here).
  const stopWorker =
    config.serveWorker || opened.db.kind === 'pglite'
      ? await startNotificationWorker({ db: opened.db, config, channels, live, log: app.log })
      : async () => 0;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    stopHorizon();
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      // Streams end as the app closes; the worker finishes and records the sends in flight.
      await Promise.all([app.close(), stopWorker()]);
      await Promise.all(channels.map((c) => c.close?.()));
      await live.close();
      redis?.disconnect();
      await opened.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    stopHorizon();
    await stopWorker();
    await live.close();
    await opened.close();
    throw e;
  }
  app.log.info(
    `Kalendaryo is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${opened.db.kind})`,
  );
  return app;
}

/**
 * `kalendaryo worker`: sends the notification outbox without serving HTTP, for deployments on
 * PostgreSQL that run workers apart from the app servers (live updates cross through Redis).
 */
export async function work(config: Config = loadConfig()) {
  const opened = await openDatabase(config);
  const redis = await connectRedis(config.redisUrl);
  const live = await openLiveHub(redis);
  const log = {
    info: (o: object, msg?: string) => console.log(msg ?? '', JSON.stringify(o)),
    error: (o: object, msg?: string) => console.error(msg ?? '', o),
  };
  const channels = createChannels(config, opened.db);
  const stop = await startNotificationWorker({ db: opened.db, config, channels, live, log });
  console.log(`Kalendaryo worker is sending notifications (database: ${opened.db.kind})`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const sent = await stop();
    await Promise.all(channels.map((c) => c.close?.()));
    console.log(`Kalendaryo worker stopped after sending ${sent} deliveries`);
    await live.close();
    redis?.disconnect();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}
