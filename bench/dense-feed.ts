/**
 * The month feed when 200 endless MINUTELY public series are stored (data from before the rule
 * limits, inserted straight into the table): every series is cut to its share of the feed's
 * budget. Times `GET /api/v1/calendar` for one month beside a feed of 200 weekly series, and
 * records the longest event-loop delay while the dense feed runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../apps/server/src/config';
import type { Db } from '../apps/server/src/db/client';
import { buildApp } from '../apps/server/src/http/app';
import { hashPassword } from '../apps/server/src/modules/users/password';
import { insertUser } from '../apps/server/src/modules/users/users.repository';
import { forEachDatabase, summarize } from './databases';

const SERIES = 200;
const RUNS = 10;
const MONTH = 'start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z&holidays=false';

async function seed(db: Db, ownerId: string, rrule: string, calendar: string) {
  await db.query(`insert into calendars (name, kind, owner_id) values ($2, 'shared', $1)`, [
    ownerId,
    calendar,
  ]);
  await db.query(
    `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at, rrule,
                        series_end_at, organizer_id, uid, visibility)
     select (select id from calendars where owner_id = $1 and name = $4), 'event', 'Dense ' || g, false,
            '2026-01-01T00:00:00', '2026-01-01T00:00:30', 'Asia/Manila',
            '2025-12-31T16:00:00Z', '2025-12-31T16:00:30Z', $3, null, $1, $4 || '-' || g || '@kalendaryo', 'public'
       from generate_series(1, $2::int) g`,
    [ownerId, SERIES, rrule, calendar],
  );
}

export async function benchDenseFeed() {
  const rows: Record<string, string | number>[] = [];
  await forEachDatabase(async (label, db) => {
    const owner = await insertUser(db, {
      email: 'bench-dense@oobc.example',
      name: 'Bench',
      role: 'staff',
      passwordHash: await hashPassword('bench password', 10),
    });
    await seed(db, owner.id, 'FREQ=WEEKLY;BYDAY=MO,WE,FR', 'weekly');
    await seed(db, owner.id, 'FREQ=MINUTELY', 'minutely');
    const app = await buildApp({
      db,
      config: { ...loadConfig({}), passwordCost: 10, rateLimitPerMinute: 0 },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'bench-dense@oobc.example', password: 'bench password' },
    });
    const headers = { authorization: `Bearer ${login.json().token as string}` };
    const calendars = (await app.inject({ url: '/api/v1/calendars', headers })).json().items as {
      id: string;
      name: string;
    }[];
    const idOf = (name: string) => calendars.find((c) => c.name === name)?.id;
    for (const name of ['weekly', 'minutely']) {
      const url = `/api/v1/calendar?${MONTH}&calendars=${idOf(name)}`;
      let count = 0;
      let truncated = false;
      const delay = monitorEventLoopDelay({ resolution: 5 });
      const ms: number[] = [];
      await app.inject({ url, headers });
      delay.enable();
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await app.inject({ url, headers });
        ms.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(res.body);
        count = res.json().occurrences.length;
        truncated = res.json().truncated;
      }
      delay.disable();
      const s = summarize(ms);
      rows.push({
        database: label,
        workload: `${SERIES} ${name} series, one month (${count} occurrences${truncated ? ', truncated' : ''})`,
        'median ms': s.median.toFixed(1),
        'p95 ms': s.p95.toFixed(1),
        'max loop delay ms': (delay.max / 1e6).toFixed(1),
      });
    }
    await app.close();
    await db.close();
  });
  console.log(`\nDense feed: ${SERIES} endless series on one calendar, ${RUNS} runs`);
  console.table(rows);
}
