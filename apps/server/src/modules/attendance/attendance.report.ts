import type { ReportRow } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { expandFairly, expandStartsWithin, isApprover, specOf } from '../items';
import { effectiveRsvp, itemAccess, listParticipants, occurrenceKey, seesNeeds } from '../participants';
import * as repo from './attendance.repository';

/** Per participant: RSVP, status, method and times for one occurrence, with totals. */
export async function attendanceReport(db: Queryable, actor: Actor, itemId: string, occurrence?: string) {
  const access = await itemAccess(db, actor, itemId, 'manage');
  const key = await occurrenceKey(db, access.row, occurrence);
  // Contact details only for the organiser and those the organiser names (see seesNeeds).
  const contacts = await seesNeeds(db, actor, access);
  const participants = await listParticipants(db, itemId);
  const att = await repo.attendanceOfItem(db, itemId, key);
  const byId = new Map(att.map((a) => [a.participant_id, a]));
  const totals = {
    participants: participants.length,
    going: 0,
    maybe: 0,
    declined: 0,
    noResponse: 0,
    checkedIn: 0,
    checkedOut: 0,
    walkIns: 0,
  };
  const rows: ReportRow[] = participants.map((p) => {
    const a = byId.get(p.id);
    const rsvp = effectiveRsvp(p, key);
    totals[rsvp ?? 'noResponse'] += 1;
    if (a) totals.checkedIn += 1;
    if (a?.status === 'checked_out') totals.checkedOut += 1;
    if (p.walk_in) totals.walkIns += 1;
    return {
      participantId: p.id,
      name: p.name,
      email: contacts || (p.user_id !== null && p.user_id === actor.userId) ? p.email : null,
      organisation: p.organisation,
      guest: p.user_id === null,
      walkIn: p.walk_in,
      rsvp,
      status: a?.status ?? 'not_checked_in',
      method: a?.method ?? null,
      checkedInAt: a?.checked_in_at.toISOString() ?? null,
      checkedOutAt: a?.checked_out_at?.toISOString() ?? null,
    };
  });
  return { itemId, occurrence: key, rows, totals };
}

const CSV_COLUMNS = [
  'name',
  'email',
  'organisation',
  'guest',
  'walkIn',
  'rsvp',
  'status',
  'method',
  'checkedInAt',
  'checkedOutAt',
] as const satisfies readonly (keyof ReportRow)[];

/** One CSV field (RFC 4180); a leading = + - @ is neutralised so spreadsheets do not run it. */
export function csvField(v: string | boolean | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The report as rows of cells for a spreadsheet: the header, then one row per participant. */
export const reportTable = (rows: readonly ReportRow[]) => [
  [...CSV_COLUMNS],
  ...rows.map((r) => CSV_COLUMNS.map((c) => r[c])),
];

/** The report as CSV: a header line, then one line per participant (CRLF, RFC 4180). */
export const reportCsv = (rows: readonly ReportRow[]): string =>
  [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvField(r[c])).join(','))]
    .map((l) => `${l}\r\n`)
    .join('');

/** Most occurrences one summary counts, shared fairly between the series it covers. */
export const MAX_SUMMARY_OCCURRENCES = 50_000;

/**
 * Attendance rate across items whose occurrences start in [from, to): participants × occurrences
 * expected, distinct participant-occurrences checked in attended; coordinators and administrators.
 */
export async function attendanceSummary(
  db: Queryable,
  actor: Actor,
  q: { from: string; to: string; groupBy: 'kind' | 'community' | 'month' },
) {
  if (!isApprover(actor))
    throw new AppError('auth.forbidden', 'Attendance summaries are for coordinators and administrators.');
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  if (!(toMs > fromMs)) throw new AppError('request.bad_query', '`to` must be after `from`.');
  const items = await repo.summaryItems(db, new Date(fromMs), new Date(toMs));
  // Each series gets a fair share of one budget, as in the calendar feed: a series too costly to
  // expand (or a stored rule that no longer can be) is counted as far as it goes and the answer
  // says `truncated`, instead of one legacy series failing the whole summary.
  const expanded = await expandFairly(items, MAX_SUMMARY_OCCURRENCES, (it, share) => {
    const got = expandStartsWithin(specOf(it), { fromMs, toMs }, share);
    return { ...got, spent: { limit: got.starts.length, candidates: got.candidates } };
  });
  const attended = await repo.attendedCounts(
    db,
    items.map((i) => i.id),
  );
  const seen = new Map(attended.map((r) => [`${r.item_id} ${r.occurrence}`, r.n]));
  const groups = new Map<
    string,
    { key: string; label: string; occurrences: number; expected: number; attended: number }
  >();
  let truncated = false;
  for (const [i, it] of items.entries()) {
    const series = it.rrule !== null || it.rdates.length > 0;
    const { starts, truncated: cut } = expanded[i]!;
    if (cut) truncated = true;
    for (const s of starts) {
      const [key, label] =
        q.groupBy === 'kind'
          ? [it.kind, it.kind]
          : q.groupBy === 'community'
            ? [it.community_id ?? 'none', it.community ?? 'No community']
            : [s.local.slice(0, 7), s.local.slice(0, 7)];
      const g = groups.get(key) ?? { key, label, occurrences: 0, expected: 0, attended: 0 };
      g.occurrences += 1;
      g.expected += it.participants;
      g.attended += seen.get(`${it.id} ${series ? s.local : ''}`) ?? 0;
      groups.set(key, g);
    }
  }
  return {
    groupBy: q.groupBy,
    truncated,
    groups: [...groups.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((g) => ({ ...g, rate: g.expected ? Math.round((g.attended / g.expected) * 1000) / 1000 : null })),
  };
}
