/**
 * For component tests: the app's providers (query cache, router, session) around a page, and an
 * API answered by a stub of `fetch` whose answers are typed by the contract. Nothing else is faked.
 */
import type { Calendar, CreateItemBody, ErrorCode, Item, Occurrence, User } from '@kalendaryo/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../../app/query-client';
import { requireSession } from '../auth/loaders';
import { SessionProvider } from '../auth/session';
import { ItemFormPage } from './item-form-page';

export interface SentRequest {
  method: string;
  /** The path below /api/v1, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The answer to a request: a JSON body (200, or 201 for POST), or a Response of its own. */
type Handler = (request: SentRequest) => unknown;

const matches = (pattern: string, method: string, path: string): boolean => {
  const [m, p] = pattern.split(' ') as [string, string];
  const re = new RegExp(`^${p.replace(/:[a-z]+/gi, '[^/]+')}$`);
  return m === method && re.test(path);
};

/**
 * Answers `fetch` from `routes` ('GET /items/:id' → handler); returns the requests sent, in order.
 * A request no route answers gets a 404 problem and is listed in `unanswered`.
 */
export function stubApi(routes: Record<string, Handler>) {
  const sent: SentRequest[] = [];
  const unanswered: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const request: SentRequest = {
      method,
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    const route = Object.keys(routes).find((r) => matches(r, method, request.path));
    if (!route) {
      unanswered.push(`${method} ${request.path}`);
      return problem(404, 'resource.not_found', 'Not found');
    }
    const answer = await routes[route]!(request);
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer), {
      status: method === 'POST' && request.path === '/items' ? 201 : 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { sent, unanswered, writes: () => sent.filter((r) => r.method !== 'GET') };
}

/** An RFC 9457 problem response. */
export function problem(status: number, code: ErrorCode, title: string, errors?: unknown[]): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, code, errors }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * Renders `routes` (or `element` on every path) inside the app's query cache, a memory router
 * starting at `path`, and the session of `user` (what GET /auth/me answers).
 */
export function renderApp(
  options: { path?: string } & ({ element: ReactNode } | { routes: { path: string; element: ReactNode }[] }),
) {
  const children = 'routes' in options ? options.routes : [{ path: '*', element: options.element }];
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      {
        // As in the app: the session is loaded before a page behind sign-in renders.
        loader: requireSession(queryClient),
        hydrateFallbackElement: <p>Loading…</p>,
        element: (
          <SessionProvider>
            <Outlet />
          </SessionProvider>
        ),
        children,
      },
      { path: '/signin', element: <p>Signed out</p> },
    ],
    { initialEntries: [options.path ?? '/'] },
  );
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router };
}

// Fixtures, typed by the contract so that a change of the API shape fails here too.

export const ZONE = 'Asia/Manila';

export const user = (patch: Partial<User> = {}): User => ({
  id: '0d7c0a52-2b5e-4d7f-9c1e-6f1b1d1c0a01',
  email: 'amina@oobc.example',
  name: 'Amina Usman',
  role: 'staff',
  active: true,
  timeZone: ZONE,
  showHolidays: true,
  createdAt: '2030-01-02T00:00:00.000Z',
  lastSignInAt: null,
  ...patch,
});

export const session = (u: User) => ({ user: u, csrfToken: 'csrf-token' });

export const personalCalendar = (owner: User): Calendar => ({
  id: 'c0c0c0c0-1111-4222-8333-444455556666',
  name: `${owner.name}'s calendar`,
  kind: 'personal',
  ownerId: owner.id,
  color: '#0f766e',
  description: null,
  permission: 'manage',
  version: 1,
});

export const item = (patch: Partial<Item> = {}): Item => ({
  id: '3d1c660e-2656-4619-8218-a53b44e28577',
  version: 1,
  kind: 'event',
  calendarId: 'c0c0c0c0-1111-4222-8333-444455556666',
  title: 'Weekly coordination huddle',
  description: 'Updates from each unit.',
  location: 'Conference Room A',
  allDay: false,
  start: '2030-03-04T01:00:00.000Z',
  end: '2030-03-04T02:00:00.000Z',
  dtstart: '2030-03-04T09:00:00',
  dtend: '2030-03-04T10:00:00',
  timeZone: ZONE,
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  exdates: [],
  rdates: [],
  status: 'confirmed',
  visibility: 'default',
  organizerId: '0d7c0a52-2b5e-4d7f-9c1e-6f1b1d1c0a01',
  communityId: null,
  color: null,
  uid: '3d1c660e@kalendaryo',
  sequence: 0,
  splitFromId: null,
  details: { eventType: 'meeting', agenda: null },
  exceptions: [],
  canEdit: true,
  createdAt: '2030-01-02T00:00:00.000Z',
  updatedAt: '2030-01-02T00:00:00.000Z',
  ...patch,
});

/** The feed's occurrence of `it` at its first start. */
export const occurrenceOf = (it: Item, patch: Partial<Occurrence> = {}): Occurrence => ({
  itemId: it.id,
  kind: it.kind,
  title: it.title,
  start: it.start,
  end: it.end,
  allDay: it.allDay,
  recurrenceId: it.rrule ? it.dtstart : null,
  isException: false,
  status: it.status,
  color: it.color ?? '#0f766e',
  calendarId: it.calendarId,
  communityId: it.communityId,
  location: it.location,
  recurring: it.rrule !== null,
  editable: it.canEdit,
  details: it.details,
  ...patch,
});

export const me = user();
export const myCalendar = personalCalendar(me);

/** What the server answers to a create: the item as stored. */
const created = (body: CreateItemBody): Item =>
  item({ kind: body.kind, title: body.title, rrule: body.rrule ?? null, details: body.details ?? {} });

/**
 * The full form for a new item on Monday 4 March 2030, 09:00–10:00 in the person's zone, as
 * quick-create hands it over ("More options"); Create goes back to the calendar.
 */
export function openNewItemForm(answerCreate: (body: CreateItemBody) => unknown = created) {
  const api = stubApi({
    'GET /auth/me': () => session(me),
    'GET /calendars': () => ({ items: [myCalendar], nextCursor: null }),
    'GET /communities': () => ({ items: [], nextCursor: null }),
    'POST /items': (r) => answerCreate(r.body as CreateItemBody),
  });
  const search = new URLSearchParams({
    start: '2030-03-04T09:00',
    end: '2030-03-04T10:00',
    calendarId: myCalendar.id,
    back: '/calendar?view=week',
  });
  renderApp({
    path: `/calendar/items/new?${search}`,
    routes: [
      { path: '/calendar/items/new', element: <ItemFormPage /> },
      { path: '/calendar', element: <h1>Calendar</h1> },
    ],
  });
  return api;
}

/** The body of the item the form created; fails when it sent none. */
export function createdBody(api: ReturnType<typeof stubApi>): CreateItemBody {
  const post = api.writes().find((r) => r.method === 'POST' && r.path === '/items');
  if (!post) throw new Error('The form sent no POST /items');
  return post.body as CreateItemBody;
}
