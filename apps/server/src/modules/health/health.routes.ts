import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** `GET /api/health`: 200 while the database answers within a second, 503 otherwise. */
export async function healthRoutes(
  app: FastifyInstance,
  deps: { db: Db; redis: Redis | null; version: string },
) {
  const started = Date.now();
  app.get(
    '/api/health',
    { config: { public: true, rateLimit: false }, schema: { hide: true } },
    async (_req, reply) => {
      const database = await withTimeout(deps.db.ping(), 1000).then(
        () => 'up' as const,
        () => 'down' as const,
      );
      const redis = deps.redis
        ? await withTimeout(deps.redis.ping(), 500).then(
            () => 'up' as const,
            () => 'down' as const,
          )
        : 'disabled';
      const ok = database === 'up';
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database: deps.db.kind,
        checks: { database, redis },
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      });
    },
  );
}
