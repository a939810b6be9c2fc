/**
 * iCalendar export of one large calendar: 2,000 items of which 500 are weekly series (each with a
 * moved occurrence), in two zones, over two years. Times `GET /api/v1/calendars/{id}/calendar.ics`
 * (median and p95), and the heap it grows by while writing, with its size in bytes.
 *
 * Measured on the 2-core development machine (Node 20, one run of 10 after a warm-up):
 * PGlite 317 ms median / 499 ms p95, PostgreSQL 267 / 401 ms; 2,491 VEVENTs, 1.1 MiB of text;
 * the heap grows by about 22–25 MiB while the answer is written and collected by the test client.
 */

import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import { buildApp } from '../apps/server/src/http/app';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase, summarize } from './databases';

const ITEMS = Number(process.env.BENCH_ICAL_ITEMS ?? 2_000);
const SERIES = Number(process.env.BENCH_ICAL_SERIES ?? 500);
const RUNS = 10;

async function seed(db: Db, ownerId: string): Promise<string> {
  const cal = await db.query<{ id: string }>(
    `insert into calendars (name, kind, owner_id) values ('Bench export', 'shared', $1) returning id`,
    [ownerId],
  );
  const id = cal.rows[0]!.id;
  // Quarter hours spread over 2026–2027, alternately in Manila and New York.
  await db.query(
    `with src as (
       select g, (array['Asia/Manila', 'America/New_York'])[1 + g % 2] as zone,
              timestamp '2026-01-05 08:00' + ((g::bigint * 7919) % 70080) * interval '15 minutes' as wall
         from generate_series(1, $2::int) g)
     insert into items (calendar_id, kind, title, description, location, all_day, dtstart, dtend, time_zone,
                        start_at, end_at, rrule, series_end_at, organizer_id, uid)
     select $1, 'event', 'Bench item ' || g || ' — pagpupulong', 'Agenda: item ' || g, 'Cotabato City', false,
            wall, wall + interval '1 hour', zone, wall at time zone zone, (wall + interval '1 hour') at time zone zone,
            case when g <= $3 then 'FREQ=WEEKLY;COUNT=52' end,
            case when g <= $3 then (wall + interval '51 weeks 1 hour') at time zone zone
                 else (wall + interval '1 hour') at time zone zone end,
            $4, 'bench-ics-' || g || '@kalendaryo'
       from src`,
    [id, ITEMS, SERIES, ownerId],
  );
  await db.query(
    `insert into item_exceptions (item_id, recurrence_id, dtstart, dtend, title)
     select id, dtstart + interval '2 weeks', dtstart + interval '2 weeks 1 day', dtend + interval '2 weeks 1 day', 'Moved'
       from items where calendar_id = $1 and rrule is not null`,
    [id],
  );
  await db.query('analyze items');
  return id;
}

export async function benchIcalExport() {
  const rows: Record<string, string | number>[] = [];
  await forEachDatabase(async (label, db) => {
    const owner = await insertUser(db, {
      email: 'bench-ics@oobc.example',
      name: 'Bench',
      role: 'admin',
      passwordHash: await hashPassword('bench password', 12),
    });
    const calendarId = await seed(db, owner.id);
    const app = await buildApp({
      db,
      config: { ...loadConfig({}), passwordCost: 12, rateLimitPerMinute: 0 },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'bench-ics@oobc.example', password: 'bench password' },
    });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    const url = `/api/v1/calendars/${calendarId}/calendar.ics?start=2025-12-01T00:00:00Z&end=2028-01-01T00:00:00Z`;
    let bytes = 0;
    let events = 0;
    let heapGrowth = 0;
    const ms: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const heap = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const res = await app.inject({ url, headers });
      const took = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(res.body);
      heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heap);
      bytes = res.rawPayload.length;
      events = res.body.split('BEGIN:VEVENT').length - 1;
      if (i > 0) ms.push(took); // the first run warms up
    }
    const s = summarize(ms);
    rows.push({
      database: label,
      workload: `calendar.ics: ${ITEMS} items, ${SERIES} series, ${events} VEVENTs, ${(bytes / 1024).toFixed(0)} KiB`,
      'median ms': s.median.toFixed(1),
      'p95 ms': s.p95.toFixed(1),
      'heap growth MiB (max)': (heapGrowth / 2 ** 20).toFixed(1),
    });
    await app.close();
    await db.close();
  });
  console.log(`\niCalendar export of one calendar, ${RUNS} runs`);
  console.table(rows);
}
