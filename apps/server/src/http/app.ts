import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { AppError } from '@kalendaryo/domain';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { attendanceRoutes } from '../modules/attendance/attendance.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { bookingFollowers } from '../modules/bookings';
import { availabilityRoutes } from '../modules/bookings/availability.routes';
import { bookingsRoutes } from '../modules/bookings/bookings.routes';
import { calendarsRoutes } from '../modules/calendars/calendars.routes';
import { communitiesRoutes } from '../modules/communities/communities.routes';
import { healthRoutes, type MailHealth } from '../modules/health/health.routes';
import { itemsRoutes } from '../modules/items/items.routes';
import { type LiveHub, openLiveHub } from '../modules/notifications';
import { pushRoutes } from '../modules/notifications/channels/push.routes';
import { notificationsRoutes } from '../modules/notifications/notifications.routes';
import { participantsRoutes } from '../modules/participants/participants.routes';
import { recurrenceRoutes } from '../modules/recurrence/recurrence.routes';
import { resourcesRoutes } from '../modules/resources/resources.routes';
import { usersRoutes } from '../modules/users/users.routes';
import { authPlugin } from './auth';
import { registerInputGuard } from './input';
import { registerOpenApi } from './openapi';
import { errorForLog, errorHandler, sendProblem } from './problem';

export interface AppDeps {
  db: Db;
  config: Config;
  redis?: Redis | null;
  /** Live inbox updates; one is opened (over Redis when given) when absent. */
  live?: LiveHub;
  logger?: FastifyServerOptions['logger'];
  /** The email channel, whose state `/api/health` reports (absent: `mail: off`). */
  mail?: MailHealth | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The logger options with our `err` serializer, which keeps SQL values out of every log line. */
function withSafeErrors(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, err: errorForLog, req: requestForLog } };
}

/** A signed code in a path: base64url payload, a dot, base64url signature. */
const SIGNED_SEGMENT = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/;

/** A request's url for the log, with check-in codes (a `token` query value or a signed path segment) left out. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q))
    .split('/')
    .map((s) => (SIGNED_SEGMENT.test(s) ? '[redacted]' : s))
    .join('/');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => (/^token=/i.test(pair) ? 'token=[redacted]' : pair))
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's request log fields, with the url's codes redacted (a code in the log could be replayed). */
function requestForLog(req: {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** Builds the HTTP application: plugins, the error handler, every module's routes and the web app. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, config } = deps;
  const redis = deps.redis ?? null;
  const app = Fastify({
    logger: withSafeErrors(deps.logger),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: answerRouterError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerInputGuard(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Requests still in flight when close() begins answer with `Connection: close`: otherwise their
  // keep-alive connections stay open after the response and close() waits out the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(authPlugin, { db, config });
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      // Runs after the actor is resolved but before an unknown token is refused (see authPlugin),
      // so callers with a bogus token, or none, spend their address's budget.
      keyGenerator: (request) => (request.actor ? `u:${request.actor.userId}` : `ip:${request.ip}`),
      allowList: (request) => !request.url.startsWith('/api/'),
      ...(redis ? { redis, nameSpace: 'kalendaryo-rl:', skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'request.rate_limited',
          `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
          undefined,
          {
            retryAfterSeconds: Math.ceil(context.ttl / 1000),
          },
        ),
    });
  }

  const live = deps.live ?? (await openLiveHub(redis));
  if (!deps.live) app.addHook('onClose', () => live.close());

  await registerOpenApi(app, config.version);
  const services = { db, config };
  await app.register(async (api) => {
    await healthRoutes(api, { db, redis, version: config.version, mail: deps.mail ?? null });
    await authRoutes(api, { ...services, secureCookies: config.secureCookies });
    await usersRoutes(api, services);
    await calendarsRoutes(api, services);
    await communitiesRoutes(api, services);
    await itemsRoutes(api, { ...services, followers: bookingFollowers() });
    await recurrenceRoutes(api);
    await resourcesRoutes(api, services);
    await availabilityRoutes(api, services);
    await bookingsRoutes(api, {
      db,
      horizonDays: config.bookingHorizonDays,
      checkoutLeadMinutes: config.checkoutLeadMinutes,
    });
    await participantsRoutes(api, { db });
    await attendanceRoutes(api, { db, attendanceKey: config.attendanceKey });
    await notificationsRoutes(api, { db, live, publicUrl: config.publicUrl });
    await pushRoutes(api, { db, config });
  });

  await registerWebApp(app, config.webDist);
  return app;
}

/**
 * Errors the router raises before any route or hook runs: a path segment that is not valid
 * percent-encoding (`%ED%A0%80`) or longer than any id (`maxParamLength`). No such path names
 * anything, so both are 404 problems, not Fastify's own plain JSON.
 */
function answerRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(reply, 'request.not_found', {
      detail: 'No resource has this path: a segment is malformed or too long.',
    });
  }
  return errorHandler(error, request, reply);
}

/** Serves the built SPA, falling back to index.html for client-side routes; unknown API paths are 404 problems. */
async function registerWebApp(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (
      url.startsWith('/api/') ||
      url === '/api' ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    ) {
      return sendProblem(reply, 'request.not_found', { detail: `No route ${request.method} ${url}` });
    }
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build` or restart with `npm start`.');
    }
    if (url.startsWith('/assets/') || /\.[a-z0-9]{2,5}$/i.test(url)) {
      return sendProblem(reply, 'request.not_found', { detail: `No file ${url}` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
