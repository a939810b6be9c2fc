/**
 * The month feed on a large calendar: 50,000 items of which 2,000 are endless recurring series,
 * spread over two years on 20 calendars. Times `GET /api/v1/calendar` for one month (median and
 * p95) beside a plain SQL query that selects the same candidate rows without expanding them.
 */

import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import { buildApp } from '../apps/server/src/http/app';
import { hashPassword } from '../apps/server/src/modules/users';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase, summarize } from './databases';

const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 50_000);
const SERIES = Number(process.env.BENCH_FEED_SERIES ?? 2_000);
const RUNS = 20;
const MONTH = { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };

async function seed(db: Db, ownerId: string) {
  await db.query(
    `insert into calendars (name, kind, owner_id) select 'Bench calendar ' || g, 'shared', $1 from generate_series(1, 20) g`,
    [ownerId],
  );
  // Deterministic spread: every item starts on a quarter hour within 2025–2026.
  await db.query(
    `with cal as (select array_agg(id order by name) ids from calendars where owner_id = $1 and kind = 'shared'),
          src as (
            select g, timestamptz '2025-01-01 00:00Z' + ((g::bigint * 7919) % 70080) * interval '15 minutes' as ts
              from generate_series(1, $2::int) g)
     insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at, rrule,
                        series_end_at, organizer_id, uid)
     select cal.ids[1 + g % 20],
            (array['event','engagement','task','assessment','community_event'])[1 + g % 5],
            'Bench item ' || g, false,
            ts at time zone 'Asia/Manila', (ts + interval '1 hour') at time zone 'Asia/Manila', 'Asia/Manila',
            ts, ts + interval '1 hour',
            case when g <= $3 then (array['FREQ=WEEKLY;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=2TU',
                                          'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'])[1 + g % 4] end,
            case when g <= $3 then null else ts + interval '1 hour' end,
            $1, 'bench-' || g || '@kalendaryo'
       from src, cal`,
    [ownerId, ITEMS, SERIES],
  );
  await db.query('analyze items');
}

async function timeIt(runs: number, fn: () => Promise<unknown>) {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

export async function benchFeed() {
  const rows: Record<string, string | number>[] = [];
  await forEachDatabase(async (label, db) => {
    const t0 = performance.now();
    const owner = await insertUser(db, {
      email: 'bench-feed@oobc.example',
      name: 'Bench',
      role: 'admin',
      passwordHash: await hashPassword('bench password', 12),
    });
    await seed(db, owner.id);
    const seeded = performance.now() - t0;
    const app = await buildApp({
      db,
      config: { ...loadConfig({}), passwordCost: 12, rateLimitPerMinute: 0 },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'bench-feed@oobc.example', password: 'bench password' },
    });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    let count = 0;
    const feed = await timeIt(RUNS, async () => {
      const res = await app.inject({
        url: `/api/v1/calendar?start=${MONTH.start}&end=${MONTH.end}&holidays=false`,
        headers,
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      count = res.json().occurrences.length;
    });
    let candidates = 0;
    const plain = await timeIt(RUNS, async () => {
      const r = await db.query(
        `select i.* from items i join calendars c on c.id = i.calendar_id
          where c.owner_id = $1
            and tstzrange(i.start_at, coalesce(i.series_end_at, 'infinity'::timestamptz), '[]')
                && tstzrange($2::timestamptz - interval '1 day', $3::timestamptz + interval '1 day', '[)')`,
        [owner.id, MONTH.start, MONTH.end],
      );
      candidates = r.rowCount;
    });
    rows.push(
      {
        database: label,
        workload: `GET /api/v1/calendar (month, ${count} occurrences)`,
        'median ms': feed.median.toFixed(1),
        'p95 ms': feed.p95.toFixed(1),
      },
      {
        database: label,
        workload: `plain SQL of the same rows (${candidates} rows)`,
        'median ms': plain.median.toFixed(1),
        'p95 ms': plain.p95.toFixed(1),
      },
      {
        database: label,
        workload: 'ratio feed / plain (median)',
        'median ms': (feed.median / plain.median).toFixed(2),
        'p95 ms': '',
      },
      { database: label, workload: `seeding ${ITEMS} items`, 'median ms': seeded.toFixed(0), 'p95 ms': '' },
    );
    await app.close();
    await db.close();
  });
  console.log(`\nCalendar feed: ${ITEMS} items (${SERIES} recurring), one month, ${RUNS} runs`);
  console.table(rows);
}
