/**
 * The full item form for a new item, opened as quick-create's "More options" hands it over, for
 * the form's and the recurrence builder's tests. The app runs whole: its router, layout and the
 * calendar it goes back to; only the API is the contract-typed stub of src/test.
 */
import type {
  Calendar,
  Community,
  CreateItemBody,
  Feed,
  FreeBusy,
  Item,
  Page,
  Preferences,
} from '@kalendaryo/contract';
import { type Answer, reply, stubApi } from '../../test/api-stub';
import { aCalendar, anItem, aSession, aUser, somePreferences } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

export const me = aUser();
export const myCalendar = aCalendar(me);

/** What the server answers to a create: the item as stored. */
const created = (body: CreateItemBody): Answer =>
  reply<Item>(
    anItem({ kind: body.kind, title: body.title, rrule: body.rrule ?? null, details: body.details ?? {} }),
    201,
  );

/**
 * The form for a new item on Monday 4 March 2030, 09:00–10:00 in the person's zone (the office
 * zone); Create goes back to the calendar's week view. `answerCreate` answers POST /items.
 */
export function openNewItemForm(answerCreate: (body: CreateItemBody) => Answer = created) {
  const api = stubApi({
    'GET /auth/me': () => reply(aSession(me)),
    'GET /calendars': () => reply<Page<Calendar>>({ items: [myCalendar], nextCursor: null }),
    'GET /communities': () => reply<Page<Community>>({ items: [], nextCursor: null }),
    'GET /calendar': () => reply<Feed>({ occurrences: [], truncated: false, truncatedSeries: [] }),
    'GET /freebusy': () => reply<FreeBusy>({ busy: [] }),
    'GET /preferences': () => reply<Preferences>(somePreferences()),
    'POST /items': (r) => answerCreate(r.body as CreateItemBody),
  });
  const search = new URLSearchParams({
    start: '2030-03-04T09:00',
    end: '2030-03-04T10:00',
    calendarId: myCalendar.id,
    back: '/calendar?view=week&date=2030-03-04',
  });
  const view = renderApp(`/calendar/items/new?${search}`);
  return { api, ...view };
}

/** The body of the item the form created; fails when it sent none. */
export function createdBody(api: ReturnType<typeof stubApi>): CreateItemBody {
  const post = api.to('POST', '/items')[0];
  if (!post) throw new Error('The form sent no POST /items');
  return post.body as CreateItemBody;
}
