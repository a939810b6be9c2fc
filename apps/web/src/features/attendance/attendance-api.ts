import type {
  AddParticipantBody,
  AttendanceReport,
  AttendanceSettings,
  AttendanceState,
  AttendanceSummary,
  CheckInBody,
  CheckInCode,
  CheckInPreview,
  ListPeopleQuery,
  OccurrenceQuery,
  Page,
  Participant,
  ParticipantList,
  ParticipantWithConflicts,
  Person,
  PreparationNeeds,
  RsvpBody,
  RsvpResponse,
  SummaryQuery,
} from '@kalendaryo/contract';
import type { RsvpStatus, SummaryGrouping } from '@kalendaryo/contract/values';
import { queryOptions } from '@tanstack/react-query';
import { API_BASE, api } from '../../app/api';

const occ = (occurrence: string | null | undefined): OccurrenceQuery => (occurrence ? { occurrence } : {});

export const participantsKey = (itemId: string) => ['participants', itemId] as const;
export const participantsQuery = (itemId: string, occurrence: string | null) =>
  queryOptions({
    queryKey: [...participantsKey(itemId), occurrence ?? ''],
    queryFn: ({ signal }) =>
      api<ParticipantList>(`/items/${itemId}/participants`, {
        query: { ...occ(occurrence), limit: 200 },
        signal,
      }),
  });

export const peopleQuery = (q: string) =>
  queryOptions({
    queryKey: ['people', q],
    queryFn: ({ signal }) => {
      const query: Partial<ListPeopleQuery> = { q, limit: 10 };
      return api<Page<Person>>('/people', { query, signal });
    },
    enabled: q.trim().length > 0,
  });

export const addParticipant = (itemId: string, body: AddParticipantBody) =>
  api<ParticipantWithConflicts>(`/items/${itemId}/participants`, { method: 'POST', body });
export const removeParticipant = (itemId: string, participantId: string) =>
  api<void>(`/items/${itemId}/participants/${participantId}`, { method: 'DELETE' });
export const updateNeeds = (itemId: string, participantId: string, needs: PreparationNeeds) =>
  api<Participant>(`/items/${itemId}/participants/${participantId}`, { method: 'PATCH', body: { needs } });
export const sendRsvp = (itemId: string, status: RsvpStatus, occurrence: string | null) =>
  api<RsvpResponse>(`/items/${itemId}/rsvp`, {
    method: 'POST',
    body: { status, ...occ(occurrence) } satisfies RsvpBody,
  });
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
    queryFn: ({ signal }) =>
      api<CheckInCode>(`/items/${itemId}/check-in-code`, { query: occ(occurrence), signal }),
    staleTime: 0,
  });

export const personalCode = (itemId: string, participantId: string, occurrence: string | null) =>
  api<CheckInCode>(`/items/${itemId}/participants/${participantId}/code`, { query: occ(occurrence) });

/** What a scanned code would check the signed-in person into; records nothing. */
export const checkInPreviewQuery = (token: string) =>
  queryOptions({
    queryKey: ['check-in-preview', token],
    queryFn: ({ signal }) =>
      api<CheckInPreview>('/attendance/check-in/preview', {
        method: 'POST',
        body: { token },
        banner: false,
        signal,
      }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
export const checkIn = (body: CheckInBody) =>
  api<AttendanceState>('/attendance/check-in', { method: 'POST', body, banner: false });
export const checkOut = (body: CheckInBody) =>
  api<AttendanceState>('/attendance/check-out', { method: 'POST', body, banner: false });

export const reportQuery = (itemId: string, occurrence: string | null) =>
  queryOptions({
    queryKey: ['attendance-report', itemId, occurrence ?? ''],
    queryFn: ({ signal }) =>
      api<AttendanceReport>(`/items/${itemId}/attendance`, { query: occ(occurrence), signal }),
  });

/** The download link of the report (the browser sends the session cookie). */
export const reportDownloadUrl = (itemId: string, occurrence: string | null, format: 'csv' | 'xlsx') =>
  `${API_BASE}/items/${itemId}/attendance?${new URLSearchParams(occurrence ? { format, occurrence } : { format })}`;

export const summaryQuery = (from: string, to: string, groupBy: SummaryGrouping) =>
  queryOptions({
    queryKey: ['attendance-summary', from, to, groupBy],
    queryFn: ({ signal }) => {
      const query: SummaryQuery = { from, to, groupBy };
      return api<AttendanceSummary>('/attendance/summary', { query, signal });
    },
  });

/** The answer that applies to an occurrence: its own answer overrides the one for all occurrences. */
export function rsvpFor(p: Participant, occurrence: string | null): RsvpStatus | null {
  const own = occurrence ? p.rsvps.find((r) => r.occurrence === occurrence) : undefined;
  return (own ?? p.rsvps.find((r) => r.occurrence === ''))?.status ?? null;
}

export const walkInsQuery = (itemId: string) =>
  queryOptions({
    queryKey: ['attendance-settings', itemId],
    queryFn: ({ signal }) => api<AttendanceSettings>(`/items/${itemId}/attendance-settings`, { signal }),
  });

export const setWalkIns = (itemId: string, allowWalkIns: boolean) =>
  api<AttendanceSettings>(`/items/${itemId}/attendance-settings`, {
    method: 'PATCH',
    body: { allowWalkIns } satisfies AttendanceSettings,
  });
