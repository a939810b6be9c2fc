import { queryOptions } from '@tanstack/react-query';
import { API_BASE, api } from '../../app/api';

// Mirrors packages/contract/src/attendance.ts (kept local so the bundle needs no zod).

export type RsvpStatus = 'going' | 'maybe' | 'declined';
export type AttendanceStatus = 'not_checked_in' | 'checked_in' | 'checked_out';
export type CheckInMethod = 'manual' | 'qr_code' | 'nfc';

export const rsvpLabels: Record<RsvpStatus, string> = {
  going: 'Going',
  maybe: 'Maybe',
  declined: 'Declined',
};
export const statusLabels: Record<AttendanceStatus, string> = {
  not_checked_in: 'Not checked in',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
};
export const methodLabels: Record<CheckInMethod, string> = {
  manual: 'By hand',
  qr_code: 'QR code',
  nfc: 'NFC',
};

export interface Needs {
  dietary?: string | null;
  accessibility?: string | null;
  transport?: string | null;
}

export interface Rsvp {
  occurrence: string;
  status: RsvpStatus;
  respondedAt: string;
}

export interface Participant {
  id: string;
  itemId: string;
  userId: string | null;
  name: string;
  email: string | null;
  organisation: string | null;
  phone: string | null;
  guest: boolean;
  walkIn: boolean;
  needs: Needs;
  rsvps: Rsvp[];
  createdAt: string;
}

export interface RsvpCounts {
  going: number;
  maybe: number;
  declined: number;
  noResponse: number;
}

export interface ParticipantList {
  items: Participant[];
  nextCursor: string | null;
  counts: RsvpCounts;
}

export interface Guest {
  name: string;
  organisation?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  role: string;
}

export interface Code {
  token: string;
  url: string;
  occurrence: string;
  notBefore: string;
  expiresAt: string;
  qrSvg: string;
}

export interface AttendanceState {
  participantId: string;
  itemId: string;
  occurrence: string;
  status: AttendanceStatus;
  method: CheckInMethod | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  walkIn: boolean;
}

export interface ReportRow {
  participantId: string;
  name: string;
  email: string | null;
  organisation: string | null;
  guest: boolean;
  walkIn: boolean;
  rsvp: RsvpStatus | null;
  status: AttendanceStatus;
  method: CheckInMethod | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface Report {
  itemId: string;
  occurrence: string;
  rows: ReportRow[];
  totals: RsvpCounts & { participants: number; checkedIn: number; checkedOut: number; walkIns: number };
}

export type GroupBy = 'kind' | 'community' | 'month';
export interface SummaryGroup {
  key: string;
  label: string;
  occurrences: number;
  expected: number;
  attended: number;
  rate: number | null;
}
export interface Summary {
  groupBy: GroupBy;
  groups: SummaryGroup[];
}

const occ = (occurrence: string | null | undefined) => (occurrence ? { occurrence } : {});

export const participantsKey = (itemId: string) => ['participants', itemId] as const;
export const participantsQuery = (itemId: string, occurrence: string | null) =>
  queryOptions({
    queryKey: [...participantsKey(itemId), occurrence ?? ''],
    queryFn: ({ signal }) =>
      api<ParticipantList>(`/items/${itemId}/participants`, {
        query: { ...occ(occurrence), limit: '200' },
        signal,
      }),
  });

export const peopleQuery = (q: string) =>
  queryOptions({
    queryKey: ['people', q],
    queryFn: ({ signal }) => api<{ items: Person[] }>('/people', { query: { q, limit: '10' }, signal }),
    enabled: q.trim().length > 0,
  });

export const addParticipant = (itemId: string, body: { userId: string } | { guest: Guest }) =>
  api<Participant>(`/items/${itemId}/participants`, { method: 'POST', body });
export const removeParticipant = (itemId: string, participantId: string) =>
  api<void>(`/items/${itemId}/participants/${participantId}`, { method: 'DELETE' });
export const updateNeeds = (itemId: string, participantId: string, needs: Needs) =>
  api<Participant>(`/items/${itemId}/participants/${participantId}`, { method: 'PATCH', body: { needs } });
export const sendRsvp = (itemId: string, status: RsvpStatus, occurrence: string | null) =>
  api(`/items/${itemId}/rsvp`, { method: 'POST', body: { status, ...occ(occurrence) } });
export const manualAttendance = (
  itemId: string,
  participantId: string,
  action: 'check-in' | 'check-out',
  occurrence: string | null,
) =>
  api<AttendanceState>(`/items/${itemId}/participants/${participantId}/${action}`, {
    method: 'POST',
    body: occ(occurrence),
  });

export const eventCodeQuery = (itemId: string, occurrence: string | null) =>
  queryOptions({
    queryKey: ['check-in-code', itemId, occurrence ?? ''],
    queryFn: ({ signal }) => api<Code>(`/items/${itemId}/check-in-code`, { query: occ(occurrence), signal }),
    staleTime: 0,
  });

export const personalCode = (itemId: string, participantId: string, occurrence: string | null) =>
  api<Code>(`/items/${itemId}/participants/${participantId}/code`, { query: occ(occurrence) });

export interface ScanBody {
  token: string;
  method?: 'qr_code' | 'nfc';
  scannedAt?: string;
  itemId?: string;
}
export const checkIn = (body: ScanBody) =>
  api<AttendanceState>('/attendance/check-in', { method: 'POST', body, banner: false });
export const checkOut = (body: ScanBody) =>
  api<AttendanceState>('/attendance/check-out', { method: 'POST', body, banner: false });

export const reportQuery = (itemId: string, occurrence: string | null) =>
  queryOptions({
    queryKey: ['attendance-report', itemId, occurrence ?? ''],
    queryFn: ({ signal }) => api<Report>(`/items/${itemId}/attendance`, { query: occ(occurrence), signal }),
  });

/** The download link of the report (the browser sends the session cookie). */
export const reportDownloadUrl = (itemId: string, occurrence: string | null, format: 'csv' | 'xlsx') =>
  `${API_BASE}/items/${itemId}/attendance?${new URLSearchParams(occurrence ? { format, occurrence } : { format })}`;

export const summaryQuery = (from: string, to: string, groupBy: GroupBy) =>
  queryOptions({
    queryKey: ['attendance-summary', from, to, groupBy],
    queryFn: ({ signal }) => api<Summary>('/attendance/summary', { query: { from, to, groupBy }, signal }),
  });

/** The answer that applies to an occurrence: its own answer overrides the one for all occurrences. */
export function rsvpFor(p: Participant, occurrence: string | null): RsvpStatus | null {
  const own = occurrence ? p.rsvps.find((r) => r.occurrence === occurrence) : undefined;
  return (own ?? p.rsvps.find((r) => r.occurrence === ''))?.status ?? null;
}

export const walkInsQuery = (itemId: string) =>
  queryOptions({
    queryKey: ['attendance-settings', itemId],
    queryFn: ({ signal }) =>
      api<{ allowWalkIns: boolean }>(`/items/${itemId}/attendance-settings`, { signal }),
  });

export const setWalkIns = (itemId: string, allowWalkIns: boolean) =>
  api<{ allowWalkIns: boolean }>(`/items/${itemId}/attendance-settings`, {
    method: 'PATCH',
    body: { allowWalkIns },
  });
