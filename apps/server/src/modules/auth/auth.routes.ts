import {
  changePasswordBody,
  loginBody,
  loginResponse,
  sessionResponse,
  setupBody,
  setupStatus,
  updateMeBody,
} from '@kalendaryo/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf, SESSION_COOKIE } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { createFirstAdmin, getUser, needsSetup, updateSelf } from '../users';
import { changePassword, openCookieSession, type SignedIn, signIn, signOut } from './auth.service';
import { DEVICE_COOKIE, DEVICE_TOKEN_DAYS } from './device';

const tags = ['auth'];

export async function authRoutes(
  app: FastifyInstance,
  deps: ServiceDeps & {
    secureCookies: boolean | 'auto';
    /** Told when a person's time zone changed (their reminders already enqueued are recomputed). */
    onTimeZoneChanged?: ((userId: string) => Promise<void>) | undefined;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = (request: FastifyRequest) =>
    deps.secureCookies === 'auto' ? request.protocol === 'https' : deps.secureCookies;
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(request),
      path: '/',
      expires: new Date(expiresAt),
    });
  // The known-device token rides along on every successful sign-in, for the API too: a client
  // that keeps cookies is then never locked out of its own account by someone else's guesses.
  const rememberDevice = (request: FastifyRequest, reply: FastifyReply, s: SignedIn) =>
    reply.setCookie(DEVICE_COOKIE, s.deviceToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request),
      path: '/api/v1/',
      maxAge: DEVICE_TOKEN_DAYS * 86_400,
    });
  const deviceToken = (request: FastifyRequest) => request.cookies[DEVICE_COOKIE];

  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in and get a bearer token for API clients',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (request, reply) => {
      const s = await signIn(
        deps,
        { ...request.body, kind: 'bearer', deviceToken: deviceToken(request) },
        metaOf(request),
      );
      rememberDevice(request, reply, s);
      return { token: s.token, expiresAt: s.expiresAt, user: s.user };
    },
  );

  r.post(
    '/api/v1/auth/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in the web app (sets the session cookie)',
        body: loginBody,
        response: { 200: sessionResponse },
      },
    },
    async (request, reply) => {
      const s = await signIn(
        deps,
        { ...request.body, kind: 'cookie', deviceToken: deviceToken(request) },
        metaOf(request),
      );
      setCookie(request, reply, s.token, s.expiresAt);
      rememberDevice(request, reply, s);
      return { user: s.user, csrfToken: s.csrfToken };
    },
  );

  const end = async (request: FastifyRequest, reply: FastifyReply) => {
    await signOut(deps, actorOf(request), metaOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  };
  r.delete('/api/v1/auth/session', { schema: { tags, summary: 'Sign out the web session' } }, end);
  r.post('/api/v1/auth/logout', { schema: { tags, summary: 'Revoke the token or session in use' } }, end);

  r.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The signed-in user', response: { 200: sessionResponse } } },
    async (request) => {
      const actor = actorOf(request);
      return { user: await getUser(deps, actor, actor.userId), csrfToken: actor.csrfToken };
    },
  );

  r.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'Change your name, time zone or whether holidays show',
        body: updateMeBody,
        response: { 200: sessionResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const before = request.body.timeZone ? (await getUser(deps, actor, actor.userId)).timeZone : undefined;
      const user = await updateSelf(deps, actor, request.body);
      if (before !== undefined && before !== user.timeZone) await deps.onTimeZoneChanged?.(actor.userId);
      return { user, csrfToken: actor.csrfToken };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (signs out your other sessions)',
        body: changePasswordBody,
      },
    },
    async (request, reply) => {
      await changePassword(deps, actorOf(request), request.body, metaOf(request));
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/v1/setup',
    {
      config: { public: true },
      schema: {
        tags: ['setup'],
        summary: 'Whether the first administrator must be created',
        response: { 200: setupStatus },
      },
    },
    async () => ({ needsSetup: await needsSetup(deps) }),
  );

  r.post(
    '/api/v1/setup',
    {
      config: { public: true },
      schema: {
        tags: ['setup'],
        summary: 'Create the first administrator (only while no user exists)',
        body: setupBody,
        response: { 201: sessionResponse },
      },
    },
    async (request, reply) => {
      const admin = await createFirstAdmin(deps, request.body, metaOf(request));
      const s = await openCookieSession(deps, admin.id, metaOf(request));
      setCookie(request, reply, s.token, s.expiresAt);
      rememberDevice(request, reply, s);
      return reply.code(201).send({ user: s.user, csrfToken: s.csrfToken });
    },
  );
}
