import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { authenticate } from '../modules/auth';
import type { Actor, RequestMeta } from '../modules/deps';

export const SESSION_COOKIE = 'kalendaryo_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why the caller may not go on (set while resolving the actor, raised after rate limiting). */
    authError: AppError | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The writes a viewer may make: their own sign-in, profile and password, answering an invitation
 * and checking themselves in. Every other write is 403 for viewers, whatever the object, so a
 * new route is closed to them until it is named here.
 */
export const VIEWER_WRITES: ReadonlySet<string> = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/me',
  '/api/v1/auth/password',
  '/api/v1/auth/session',
  '/api/v1/setup',
  '/api/v1/items/:itemId/rsvp',
  '/api/v1/attendance/check-in',
  '/api/v1/attendance/check-in/preview',
  '/api/v1/attendance/check-out',
  // Their own inbox and notification preferences.
  '/api/v1/notifications/:id/read',
  '/api/v1/notifications/read-all',
  '/api/v1/preferences',
  // Their own browsers' push subscriptions.
  '/api/v1/push/subscriptions',
  '/api/v1/push/subscriptions/:id',
  // Reads that take a body: the preview of a repeat rule changes nothing.
  '/api/v1/recurrence/preview',
]);

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The signed-in actor of a request that requires one (routes that are not public always have one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.required', 'Sign in to continue.');
  return request.actor;
}

/** Where the request came from, for audit and throttling. */
export const metaOf = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}),
});

/**
 * Resolves who is calling: a bearer token (API clients) or the session cookie (web app), checks
 * CSRF for cookie-authenticated writes, and refuses anonymous calls to non-public API routes.
 * The refusal is raised in `preParsing`, after the route's rate limit (an `onRequest` hook of the
 * route, so it runs after this one): callers with a bogus token or none are counted against their
 * address like everyone else. It still comes before body parsing and validation, so an anonymous
 * caller gets 401, never 422.
 */
export const authPlugin = fp<{ db: Db; config: Pick<Config, 'sessionIdleHours' | 'tokenIdleDays'> }>(
  async (app: FastifyInstance, { db, config }) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('authError', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/v1/')) return;
      request.authError = await resolveActor(request, db, config);
    });
    app.addHook('preParsing', async (request) => {
      if (request.authError) throw request.authError;
      const route = request.routeOptions.url;
      if (
        request.actor?.role === 'viewer' &&
        !SAFE_METHODS.has(request.method) &&
        route?.startsWith('/api/v1/') &&
        !VIEWER_WRITES.has(route)
      )
        throw new AppError('auth.forbidden', 'Viewers see the calendar but do not change it.');
    });
  },
);

/** Sets `request.actor` from the presented credentials; returns the error to answer with, if any. */
async function resolveActor(
  request: FastifyRequest,
  db: Db,
  config: Pick<Config, 'sessionIdleHours' | 'tokenIdleDays'>,
): Promise<AppError | null> {
  const header = request.headers.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const cookie = request.cookies[SESSION_COOKIE];
  const isPublic = request.routeOptions.config?.public === true || request.routeOptions.url === undefined;
  if (header && !bearer)
    return new AppError('auth.invalid_token', 'Use the header `Authorization: Bearer <token>`.');
  const token = bearer ?? cookie;
  if (token) {
    const found = await authenticate({ db, config }, token);
    if (found) {
      request.actor = {
        userId: found.user.id,
        role: found.user.role,
        name: found.user.name,
        email: found.user.email,
        sessionId: found.session_id,
        via: bearer ? 'bearer' : 'cookie',
        csrfToken: found.csrf_token,
      };
    } else if (bearer && !isPublic) {
      return new AppError('auth.invalid_token', 'The token is invalid, expired or revoked; sign in again.');
    }
  }
  if (isPublic) return null;
  if (!request.actor) return new AppError('auth.required', 'Sign in to continue.');
  if (request.actor.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !request.actor.csrfToken || !sameSecret(sent, request.actor.csrfToken)) {
      return new AppError(
        'auth.csrf_failed',
        'Reload the page and try again (the x-csrf-token header is missing or wrong).',
      );
    }
  }
  return null;
}
