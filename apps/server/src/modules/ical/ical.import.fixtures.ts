import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from '@kalendaryo/contract';
import type { Who } from '../../test/factories';
import type { TestApp } from '../../test/server';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The text of an import fixture (`fixtures/<name>`), exactly as stored (line endings kept). */
export const fixture = (name: string): string => readFileSync(path.join(here, 'fixtures', name), 'utf8');
export const fixturePath = (name: string): string => path.join(here, 'fixtures', name);

/** POSTs a calendar file to the import endpoint. */
export const postImport = (t: TestApp, who: Who, calendarId: string, body: string | Buffer, dryRun = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/calendars/${calendarId}/import${dryRun ? '?dryRun=true' : ''}`,
    headers: { ...who.headers, 'content-type': 'text/calendar; charset=utf-8' },
    payload: body,
  });

/** Imports and expects 200, returning the counts. */
export async function importOk(
  t: TestApp,
  who: Who,
  calendarId: string,
  body: string,
): Promise<ImportResult> {
  const res = await postImport(t, who, calendarId, body);
  if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body}`);
  return res.json() as ImportResult;
}

/** Occurrence starts of each UID on a calendar in 2026 (UTC instants; dates for all-day items). */
export async function startsByUid(
  t: TestApp,
  who: Who,
  calendarId: string,
): Promise<Record<string, string[]>> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/calendar?start=2026-01-01T00:00:00Z&end=2027-01-01T00:00:00Z&calendars=${calendarId}&tz=UTC&holidays=false`,
    headers: who.headers,
  });
  if (res.statusCode !== 200) throw new Error(`feed answered ${res.statusCode}: ${res.body}`);
  const uids = new Map(
    (
      await t.db.query<{ id: string; uid: string }>('select id, uid from items where calendar_id = $1', [
        calendarId,
      ])
    ).rows.map((r) => [r.id, r.uid]),
  );
  const out: Record<string, string[]> = {};
  for (const o of res.json().occurrences as { itemId: string; start: string; allDay: boolean }[]) {
    const uid = (uids.get(o.itemId) ?? o.itemId).replace(/#[0-9a-f-]{36}$/, '');
    const start = o.allDay ? o.start.slice(0, 10) : new Date(o.start).toISOString().replace('.000Z', 'Z');
    out[uid] = [...(out[uid] ?? []), start];
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

const PYTHON = '/usr/bin/python3';

/** Whether the independent reader (python3 with icalendar and dateutil) is installed. */
export function oracleAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import icalendar, dateutil'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Occurrence starts of each UID in 2026 as python-icalendar reads the file and dateutil expands
 * it (wall time in the zone named by TZID, RRULE ∪ RDATE − EXDATE, RECURRENCE-ID overrides moved
 * or cancelled): an independent reader of the same file.
 */
export function oracleStarts(file: string): Record<string, string[]> {
  const out = execFileSync(PYTHON, [path.join(here, 'testing', 'oracle.py'), file], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string[]>;
}
