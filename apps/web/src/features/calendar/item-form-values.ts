/**
 * The item form's values (quick-create and full form) and the API bodies they become. Times are
 * wall times of the item's zone as the inputs hold them: 'YYYY-MM-DDTHH:mm' for timed items, and
 * for all-day items the first and the last day (the API's end is the day after the last).
 */

import type {
  AssessmentDetails,
  CommunityEventDetails,
  CreateItemBody,
  EditScope,
  EngagementDetails,
  EventDetails,
  Item,
  ItemKind,
  ItemStatus,
  LeaveDetails,
  TaskDetails,
  UpdateItemBody,
  Visibility,
} from '@kalendaryo/contract';
import {
  addDays,
  fromInputDateTime,
  isoInstant,
  isRealDate,
  shiftWall,
  toInputDateTime,
  wallMs,
  wallOf,
} from '../../app/time';
import {
  defaultRuleForm,
  type RuleForm,
  ruleFormFromRRule,
  ruleToRRule,
  validateRuleForm,
} from './recurrence-form';

export interface ItemFormValues {
  kind: ItemKind;
  title: string;
  calendarId: string;
  allDay: boolean;
  start: string;
  end: string;
  /** '' = floating (no time zone). */
  timeZone: string;
  location: string;
  description: string;
  communityId: string;
  status: ItemStatus;
  visibility: Visibility;
  /** '' = the calendar's or the kind's colour. */
  color: string;
  /** Kind-specific fields as the inputs hold them (lists one per line). */
  details: Record<string, string>;
  rule: RuleForm;
}

export type FormErrors = Record<string, string>;

/** Every field of a kind's details, as text (so a field the contract adds must be added here). */
type TextFields<T> = Record<keyof T & string, string>;

/** The kind-specific fields of each kind, with their defaults. */
export const detailDefaults: Record<ItemKind, Record<string, string>> = {
  event: { eventType: 'meeting', agenda: '' } satisfies TextFields<EventDetails>,
  engagement: {
    engagementType: 'consultation',
    stakeholders: '',
    objectives: '',
  } satisfies TextFields<EngagementDetails>,
  task: {
    priority: 'normal',
    taskStatus: 'todo',
    dueAt: '',
    assigneeId: '',
  } satisfies TextFields<TaskDetails>,
  assessment: { assessmentType: 'mana', team: '', objectives: '' } satisfies TextFields<AssessmentDetails>,
  community_event: {
    eventCategory: '',
    serviceImpact: 'none',
    impactNotes: '',
  } satisfies TextFields<CommunityEventDetails>,
  leave: { leaveType: '', backupUserId: '' } satisfies TextFields<LeaveDetails>,
};
const listFields = new Set(['stakeholders', 'team']);

/** Values for a new item over a slot (wall times or dates in `zone`); a click gets one hour. */
export function newItemValues(
  slot: { start: string; end: string; allDay: boolean },
  zone: string,
  calendarId: string,
  kind: ItemKind = 'event',
): ItemFormValues {
  const startDate = slot.start.slice(0, 10);
  let start: string;
  let end: string;
  if (slot.allDay) {
    start = startDate;
    const endDate = slot.end.slice(0, 10);
    end = endDate > startDate ? addDays(endDate, -1) : startDate;
  } else {
    start = toInputDateTime(slot.start);
    end = toInputDateTime(slot.end > slot.start ? slot.end : shiftWall(slot.start, 0, 3600));
  }
  const values: ItemFormValues = {
    kind,
    title: '',
    calendarId,
    allDay: slot.allDay,
    start,
    end,
    timeZone: zone,
    location: '',
    description: '',
    communityId: '',
    status: 'confirmed',
    visibility: 'default',
    color: '',
    details: { ...detailDefaults[kind] },
    rule: defaultRuleForm(startDate),
  };
  return kind === 'leave' ? withKind(values, kind) : values;
}

/**
 * The form's values after choosing another kind: that kind's detail defaults, and for leave
 * whole days (leave is taken in days; a timed slot becomes the days it covers).
 */
export function withKind(v: ItemFormValues, kind: ItemKind): ItemFormValues {
  const next = { ...v, kind, details: { ...detailDefaults[kind] } };
  if (kind !== 'leave' || v.allDay) return next;
  // Dates compare as text: the later of the two days is the last day of leave.
  const [, end] = [v.start.slice(0, 10), v.end.slice(0, 10)].sort() as [string, string];
  return { ...next, allDay: true, start: v.start.slice(0, 10), end };
}

/** A time as the API gives it (instant, local date-time or date) as a wall time of `zone`. */
export function clientTimeToWall(value: string, zone: string | null): string {
  if (/Z$|[+-]\d{2}:\d{2}$/.test(value) && zone) return wallOf(Date.parse(value), zone);
  if (/Z$|[+-]\d{2}:\d{2}$/.test(value)) return new Date(value).toISOString().slice(0, 19);
  return value.length === 10 ? value : value.slice(0, 19);
}

/** The wall start and end of one occurrence of `item` (by recurrence id), moved ones included. */
export function occurrenceTimes(item: Item, recurrenceId: string): { start: string; end: string } {
  const x = item.exceptions.find((e) => e.recurrenceId === recurrenceId);
  if (item.allDay) {
    const days = Math.round((wallMs(item.dtend) - wallMs(item.dtstart)) / 86_400_000);
    const start = x?.start
      ? clientTimeToWall(x.start, item.timeZone).slice(0, 10)
      : recurrenceId.slice(0, 10);
    return {
      start,
      end: x?.end ? clientTimeToWall(x.end, item.timeZone).slice(0, 10) : addDays(start, days),
    };
  }
  const seconds = (wallMs(item.dtend) - wallMs(item.dtstart)) / 1000;
  const start = x?.start ? clientTimeToWall(x.start, item.timeZone) : recurrenceId;
  return { start, end: x?.end ? clientTimeToWall(x.end, item.timeZone) : shiftWall(start, 0, seconds) };
}

/** The form for an existing item; for one occurrence of a series, that occurrence's times and text. */
export function itemValues(item: Item, recurrenceId?: string | null): ItemFormValues {
  const times = recurrenceId ? occurrenceTimes(item, recurrenceId) : { start: item.dtstart, end: item.dtend };
  const x = recurrenceId ? item.exceptions.find((e) => e.recurrenceId === recurrenceId) : undefined;
  const details: Record<string, string> = { ...detailDefaults[item.kind] };
  for (const key of Object.keys(details)) {
    const v = item.details[key];
    if (Array.isArray(v)) details[key] = v.join('\n');
    else if (key === 'dueAt' && typeof v === 'string')
      details[key] = toInputDateTime(clientTimeToWall(v, item.timeZone ?? 'UTC'));
    else if (typeof v === 'string') details[key] = v;
  }
  return {
    kind: item.kind,
    title: x?.title ?? item.title,
    calendarId: item.calendarId,
    allDay: item.allDay,
    start: item.allDay ? times.start.slice(0, 10) : toInputDateTime(times.start),
    end: item.allDay ? addDays(times.end.slice(0, 10), -1) : toInputDateTime(times.end),
    timeZone: item.timeZone ?? '',
    location: x?.location ?? item.location ?? '',
    description: x?.description ?? item.description ?? '',
    communityId: item.communityId ?? '',
    status: x?.status ?? item.status,
    visibility: item.visibility,
    color: item.color ?? '',
    details,
    rule: ruleFormFromRRule(item.rrule, item.dtstart.slice(0, 10), item.timeZone),
  };
}

const zoneOf = (v: ItemFormValues): string | null => v.timeZone || null;

/** The start and end to send: dates (end exclusive) for all-day items, local date-times otherwise. */
export function bodyTimes(v: ItemFormValues): { start: string; end: string } {
  if (v.allDay) return { start: v.start.slice(0, 10), end: addDays(v.end.slice(0, 10), 1) };
  return { start: fromInputDateTime(v.start), end: fromInputDateTime(v.end) };
}

/** Field errors of the form, keyed by field name (`details.x`, `rule.x` for nested ones). */
export function validateItemValues(v: ItemFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!v.title.trim()) errors.title = 'Enter a title';
  else if (v.title.length > 500) errors.title = 'Use at most 500 characters';
  const valid = (s: string) =>
    v.allDay ? isRealDate(s) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) && isRealDate(s.slice(0, 10));
  if (!valid(v.start)) errors.start = v.allDay ? 'Enter the first day' : 'Enter the start date and time';
  if (!valid(v.end)) errors.end = v.allDay ? 'Enter the last day' : 'Enter the end date and time';
  else if (!errors.start && (v.allDay ? v.end < v.start : v.end <= v.start)) {
    errors.end = v.allDay ? 'The last day is before the first day' : 'The end must be after the start';
  }
  if (!v.calendarId) errors.calendarId = 'Choose a calendar';
  if (v.color && !/^#[0-9a-f]{6}$/i.test(v.color)) errors.color = 'Use a colour like #0f766e';
  if (v.kind === 'community_event' && !v.details.eventCategory)
    errors['details.eventCategory'] = 'Choose a category';
  if (v.kind === 'leave' && !v.details.leaveType) errors['details.leaveType'] = 'Choose the type of leave';
  for (const [k, msg] of Object.entries(validateRuleForm(v.rule, v.start.slice(0, 10))))
    errors[`rule.${k}`] = msg;
  return errors;
}

/** The kind-specific fields as the API takes them. */
export function detailsBody(v: ItemFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(v.details)) {
    if (!(key in detailDefaults[v.kind])) continue;
    if (listFields.has(key)) {
      out[key] = raw
        .split(/\n|,/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (key === 'dueAt') {
      const wall = fromInputDateTime(raw);
      out[key] = raw ? isoInstant(wall, zoneOf(v) ?? 'UTC') : null;
    } else if (key === 'assigneeId' || key === 'backupUserId') {
      out[key] = raw || null;
    } else if (key === 'agenda' || key === 'objectives' || key === 'impactNotes')
      out[key] = raw.trim() || null;
    else if (raw) out[key] = raw;
  }
  return out;
}

const rruleOf = (v: ItemFormValues) => ruleToRRule(v.rule, v.start.slice(0, 10), v.allDay, zoneOf(v));

/** `POST /api/v1/items` for a new item. */
export function createBody(v: ItemFormValues): CreateItemBody {
  const rrule = rruleOf(v);
  return {
    kind: v.kind,
    title: v.title.trim(),
    calendarId: v.calendarId,
    allDay: v.allDay,
    ...bodyTimes(v),
    timeZone: zoneOf(v),
    ...(rrule ? { rrule } : {}),
    location: v.location.trim() || null,
    description: v.description.trim() || null,
    communityId: v.communityId || null,
    status: v.status,
    visibility: v.visibility,
    color: v.color || null,
    details: detailsBody(v),
  };
}

/** Fields one occurrence may change on its own (the server refuses the rest for scope=this). */
const occurrenceFields = new Set(['title', 'description', 'location', 'status', 'start', 'end']);

/** Which fields the person changed, as PATCH body keys. */
export function changedFields(initial: ItemFormValues, v: ItemFormValues): Set<string> {
  const changed = new Set<string>();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (initial.title.trim() !== v.title.trim()) changed.add('title');
  if (initial.start !== v.start) changed.add('start');
  if (initial.end !== v.end) changed.add('end');
  if (initial.allDay !== v.allDay) changed.add('allDay');
  if (initial.timeZone !== v.timeZone) changed.add('timeZone');
  for (const k of [
    'location',
    'description',
    'communityId',
    'status',
    'visibility',
    'color',
    'calendarId',
  ] as const) {
    if (initial[k].trim() !== v[k].trim()) changed.add(k);
  }
  if (!same(detailsBody(initial), detailsBody(v))) changed.add('details');
  if (rruleOf(initial) !== rruleOf(v)) changed.add('rrule');
  return changed;
}

/** Why "only this event" cannot hold the changes, or null when it can. */
export function thisScopeProblem(changed: Set<string>): string | null {
  const other = [...changed].filter((f) => !occurrenceFields.has(f));
  return other.length
    ? 'Only the time, title, place, description and status of a single event can change; the other changes apply to this and following events, or to all.'
    : null;
}

/**
 * The PATCH body of an edit. Editing from one occurrence (`seriesStart`: the item's dtstart and
 * dtend, set when the form shows an occurrence) and applying to `all` moves the series by as much
 * as the occurrence moved.
 */
export function patchBody(
  initial: ItemFormValues,
  v: ItemFormValues,
  scope: EditScope,
  series?: { dtstart: string; dtend: string } | null,
): UpdateItemBody {
  const changed = changedFields(initial, v);
  const body: UpdateItemBody = {};
  const full = createBody(v);
  const timesChanged =
    changed.has('start') || changed.has('end') || changed.has('allDay') || changed.has('timeZone');
  for (const f of changed) {
    if (scope === 'this' && !occurrenceFields.has(f)) continue;
    if (f === 'start' || f === 'end' || f === 'allDay' || f === 'timeZone') continue;
    if (f === 'rrule') body.rrule = full.rrule ?? null;
    else (body as Record<string, unknown>)[f] = (full as Record<string, unknown>)[f];
  }
  if (timesChanged) {
    let times = bodyTimes(v);
    if (scope === 'all' && series && !changed.has('allDay')) {
      const from = bodyTimes(initial);
      const shift = (wallMs(times.start) - wallMs(from.start)) / 1000;
      const length = (wallMs(times.end) - wallMs(times.start)) / 1000;
      const start = v.allDay
        ? addDays(series.dtstart.slice(0, 10), shift / 86_400)
        : shiftWall(series.dtstart, 0, shift);
      times = { start, end: v.allDay ? addDays(start, length / 86_400) : shiftWall(start, 0, length) };
    }
    body.start = times.start;
    body.end = times.end;
    if (scope !== 'this') {
      body.allDay = v.allDay;
      body.timeZone = zoneOf(v);
    }
  }
  return body;
}
