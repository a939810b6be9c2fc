import type { FastifyRequest } from 'fastify';

/** Limits of the routes anyone may call, per address: enough for a page, not for guessing. */
export const PUBLIC_RATE_LIMIT = {
  max: 120,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `public:${request.ip}`,
};
