import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** What the health check needs of the mail channel (structural, so health imports no module). */
export interface MailHealth {
  health?(): Promise<string>;
}

/** `ok`, `off` (no SMTP_URL) or `error`; the reason stays in the server's log, not on a public page. */
async function mailState(mail: MailHealth | null | undefined): Promise<'ok' | 'off' | 'error'> {
  if (!mail?.health) return 'off';
  const state = await withTimeout(mail.health(), 1000).catch(() => 'error');
  return state === 'ok' || state === 'off' ? state : 'error';
}

/**
 * `GET /api/health`: 200 while the database answers within a second, 503 otherwise. The mail
 * channel is reported but never makes it 503: the calendar works while mail is down.
 */
export async function healthRoutes(
  app: FastifyInstance,
  deps: { db: Db; redis: Redis | null; version: string; mail?: MailHealth | null },
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
      const mail = await mailState(deps.mail);
      const ok = database === 'up';
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database: deps.db.kind,
        checks: { database, redis, mail },
        version: deps.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      });
    },
  );
}
