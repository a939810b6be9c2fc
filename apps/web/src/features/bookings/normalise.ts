/**
 * Reading the answers of the availability, utilisation and bulk endpoints into the shapes the
 * screens use. The readers accept the spellings the API settled on and a few near neighbours,
 * so a renamed member shows up as an empty view, never as a crash.
 */
import type {
  BookingStatus,
  BulkResult,
  Conflict,
  Interval,
  ResourceAvailability,
  ResourceUtilisation,
} from './types';
import { isBookingStatus } from './types';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The list inside a response: a bare array, or the first array member among `keys`. */
function listOf(raw: unknown, keys: readonly string[]): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (!isRecord(raw)) return [];
  for (const k of keys) if (Array.isArray(raw[k])) return raw[k] as unknown[];
  return [];
}

function intervals(raw: unknown): (Interval & { bookingId?: string; status?: string })[] {
  if (!Array.isArray(raw)) return [];
  const out: (Interval & { bookingId?: string; status?: string })[] = [];
  for (const v of raw) {
    if (!isRecord(v)) continue;
    const start = str(v.start);
    const end = str(v.end);
    if (!start || !end) continue;
    const bookingId = str(v.bookingId) ?? str(v.id);
    const status = str(v.status);
    out.push({ start, end, ...(bookingId ? { bookingId } : {}), ...(status ? { status } : {}) });
  }
  return out;
}

/** `GET /resources/availability` → busy intervals and free slots per resource. */
export function readAvailability(raw: unknown): ResourceAvailability[] {
  const out: ResourceAvailability[] = [];
  for (const v of listOf(raw, ['items', 'resources', 'availability'])) {
    if (!isRecord(v)) continue;
    const resource = isRecord(v.resource) ? v.resource : undefined;
    const resourceId = str(v.resourceId) ?? str(resource?.id) ?? str(v.id);
    if (!resourceId) continue;
    const name = str(v.name) ?? str(resource?.name);
    out.push({
      resourceId,
      ...(name ? { name } : {}),
      busy: intervals(v.busy ?? v.busyIntervals ?? v.bookings),
      free: intervals(v.free ?? v.freeSlots ?? v.slots),
    });
  }
  return out;
}

function fractionOf(v: unknown): number | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  return Math.min(1, Math.max(0, n));
}

/** `GET /resources/utilisation` → booked fraction per resource per day. */
export function readUtilisation(raw: unknown): ResourceUtilisation[] {
  const out: ResourceUtilisation[] = [];
  for (const v of listOf(raw, ['items', 'resources', 'utilisation'])) {
    if (!isRecord(v)) continue;
    const resource = isRecord(v.resource) ? v.resource : undefined;
    const resourceId = str(v.resourceId) ?? str(resource?.id) ?? str(v.id);
    if (!resourceId) continue;
    const days: { date: string; fraction: number; pending?: number }[] = [];
    for (const d of listOf(v.days ?? v.daily, [])) {
      if (!isRecord(d)) continue;
      const date = str(d.date) ?? str(d.day);
      const fraction = fractionOf(d.booked ?? d.fraction ?? d.bookedFraction);
      const pending = fractionOf(d.pending);
      if (date && fraction !== undefined) {
        days.push({ date: date.slice(0, 10), fraction, ...(pending ? { pending } : {}) });
      }
    }
    out.push({ resourceId, name: str(v.name) ?? str(resource?.name) ?? 'Unnamed resource', days });
  }
  return out;
}

/** The `conflicts` of a `booking.conflict` problem (or of one occurrence of a series). */
export function readConflicts(raw: unknown): Conflict[] {
  if (!Array.isArray(raw)) return [];
  const out: Conflict[] = [];
  for (const v of raw) {
    if (!isRecord(v)) continue;
    const id = str(v.id) ?? str(v.bookingId);
    const start = str(v.start);
    const end = str(v.end);
    if (!id || !start || !end) continue;
    const requester = isRecord(v.requester)
      ? { id: str(v.requester.id) ?? '', ...(str(v.requester.name) ? { name: str(v.requester.name) } : {}) }
      : (str(v.requester) ?? null);
    const purpose = str(v.purpose);
    out.push({
      id,
      start,
      end,
      status: str(v.status) ?? 'pending',
      requester,
      ...(purpose ? { purpose } : {}),
    });
  }
  return out;
}

/** The answer of `POST /bookings/approve|reject` → one result per id asked about. */
export function readBulkResults(raw: unknown, ids: readonly string[]): BulkResult[] {
  const byId = new Map<string, BulkResult>();
  for (const v of listOf(raw, ['results', 'items'])) {
    if (!isRecord(v)) continue;
    const booking = isRecord(v.booking) ? v.booking : undefined;
    const id = str(v.id) ?? str(booking?.id);
    if (!id) continue;
    const error = isRecord(v.error) ? v.error : isRecord(v.problem) ? v.problem : undefined;
    const status = str(v.status) ?? str(booking?.status);
    const ok = typeof v.ok === 'boolean' ? v.ok : error === undefined;
    const code = str(error?.code) ?? str(v.code);
    const message = str(error?.detail) ?? str(error?.title) ?? str(v.message) ?? str(v.detail);
    byId.set(id, {
      id,
      ok,
      ...(isBookingStatus(status) ? { status: status as BookingStatus } : {}),
      ...(code ? { code } : {}),
      ...(message ? { message } : {}),
    });
  }
  return ids.map((id) => byId.get(id) ?? { id, ok: false, message: 'No answer for this booking.' });
}

/** The outcome of booking every occurrence of a series (`POST /items/{id}/bookings`). */
export interface SeriesBookingReport {
  booked: { occurrence: string | null; start: string; end: string; id?: string }[];
  conflicting: { occurrence: string | null; start: string; end: string; conflicts: Conflict[] }[];
  /** Occurrences the resource's rules refuse (too far ahead, too long…). */
  refused: { occurrence: string | null; start: string; end: string; detail: string }[];
  /** How many occurrences this resource was already booked for. */
  alreadyBooked: number;
  /** Later occurrences are booked by the server as they come within its horizon. */
  continues: boolean;
}

export function readSeriesReport(raw: unknown): SeriesBookingReport {
  const rec = isRecord(raw) ? raw : {};
  const entry = (v: unknown) => {
    if (!isRecord(v)) return undefined;
    const start = str(v.start) ?? '';
    const end = str(v.end) ?? '';
    return { occurrence: str(v.occurrence) ?? str(v.recurrenceId) ?? null, start, end, v };
  };
  const booked = listOf(rec.booked, []).flatMap((v) => {
    const e = entry(v);
    if (!e) return [];
    const id = str(e.v.id) ?? (isRecord(e.v.booking) ? str(e.v.booking.id) : undefined);
    return [{ occurrence: e.occurrence, start: e.start, end: e.end, ...(id ? { id } : {}) }];
  });
  const conflicting = listOf(rec.conflicting ?? rec.conflicts, []).flatMap((v) => {
    const e = entry(v);
    return e
      ? [{ occurrence: e.occurrence, start: e.start, end: e.end, conflicts: readConflicts(e.v.conflicts) }]
      : [];
  });
  const refused = listOf(rec.refused, []).flatMap((v) => {
    const e = entry(v);
    if (!e) return [];
    return [
      {
        occurrence: e.occurrence,
        start: e.start,
        end: e.end,
        detail: str(e.v.detail) ?? str(e.v.code) ?? 'Refused',
      },
    ];
  });
  return {
    booked,
    conflicting,
    refused,
    alreadyBooked: listOf(rec.alreadyBooked, []).length,
    continues: rec.continues === true,
  };
}
