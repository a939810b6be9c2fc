/**
 * What the quick-create modal hands to the full form, through the URL of
 * `/calendar/items/new?kind=&title=&start=&end=&allDay=&calendarId=&back=`, so a reload keeps it.
 */

import type { ItemKind } from '@kalendaryo/contract';
import { fromInputDateTime, isRealDate } from '../../app/time';
import { detailDefaults, type ItemFormValues, newItemValues } from './item-form-values';
import { isItemKind } from './labels';

export function draftToSearch(v: ItemFormValues, back: string): URLSearchParams {
  const q = new URLSearchParams({ kind: v.kind, start: v.start, end: v.end, calendarId: v.calendarId, back });
  if (v.title.trim()) q.set('title', v.title.trim());
  if (v.allDay) q.set('allDay', 'true');
  for (const [k, val] of Object.entries(v.details))
    if (val && k in detailDefaults[v.kind]) q.set(`d.${k}`, val);
  return q;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The form's starting values for `/calendar/items/new?…`; anything unreadable takes the default. */
export function draftFromSearch(
  params: URLSearchParams,
  fallback: { start: string; end: string },
  zone: string,
  calendarId: string,
): ItemFormValues {
  const allDay = params.get('allDay') === 'true';
  const kindParam = params.get('kind') ?? '';
  const kind: ItemKind = isItemKind(kindParam) ? kindParam : 'event';
  const ok = (v: string | null) =>
    v ? (allDay ? isRealDate(v) : DATE_TIME.test(v) && isRealDate(v.slice(0, 10))) : false;
  const start = params.get('start');
  const end = params.get('end');
  let slot: { start: string; end: string; allDay: boolean };
  if (ok(start) && ok(end)) {
    slot = allDay
      ? { start: start!, end: start!, allDay }
      : { start: fromInputDateTime(start!), end: fromInputDateTime(end!), allDay };
  } else slot = { ...fallback, allDay: false };
  const values = newItemValues(slot, zone, params.get('calendarId') || calendarId, kind);
  if (allDay && ok(end) && end! >= values.start) values.end = end!;
  values.title = params.get('title') ?? '';
  for (const k of Object.keys(values.details)) {
    const v = params.get(`d.${k}`);
    if (v) values.details[k] = v;
  }
  return values;
}

/** A page inside the app to go back to (never another site). */
export function safeBack(value: string | null): string {
  return value?.startsWith('/calendar') && !value.startsWith('//') ? value : '/calendar';
}
