import type { Redis } from 'ioredis';
import { type Config, loadConfig } from './config';
import { openDatabase } from './db/open';
import { buildApp } from './http/app';
import { startBookingHorizonTimer } from './modules/bookings';
import { startSubscriptionRefreshTimer } from './modules/ical';
import { startDeletedItemsPurgeTimer } from './modules/items';
import { ensureFirstAdmin } from './modules/users';
import { ensureWebBuilt } from './web-build';

/**
 * Connects to Redis when REDIS_URL is set. While Redis is down Kalendaryo keeps serving: the
 * shared rate limit is skipped (requests pass) rather than every request failing.
 */
async function connectRedis(url: string | undefined): Promise<Redis | null> {
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
  const app = await buildApp({
    db: opened.db,
    config,
    redis,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  await ensureFirstAdmin({ db: opened.db, config }, app.log);
  // Books occurrences of recurring items as the booking horizon moves (hourly, unref'd).
  const stopHorizon = startBookingHorizonTimer(opened.db, app.log);
  // Removes deleted items past their 30 days of being restorable (hourly, unref'd).
  const stopPurge = startDeletedItemsPurgeTimer(opened.db, app.log);
  // Refreshes subscribed calendars that are due (every minute, unref'd; several servers claim
  // different subscriptions).
  const stopSubscriptions = startSubscriptionRefreshTimer({ db: opened.db, config }, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    stopHorizon();
    stopPurge();
    stopSubscriptions();
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
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
    stopPurge();
    stopSubscriptions();
    await opened.close();
    throw e;
  }
  app.log.info(
    `Kalendaryo is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${opened.db.kind})`,
  );
  return app;
}
