import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { editAt, enqueuedReminders, scannedUpTo, sentUpTo, weeklySeries } from './reminders.fixtures';
import { runReminders } from './reminders.jobs';
import { timeZoneChanged } from './reminders.service';

// Times lie in 2030, after the database's own clock: what is enqueued there is still pending.

let t: TestApp;
let organiser: Who, guest: Who, decliner: Who;
beforeAll(async () => {
  t = await createTestApp();
  [organiser, guest, decliner] = await people(t, ['staff', 'staff', 'staff']);
  await request(t, organiser, 'PATCH', '/api/v1/auth/me', { timeZone: 'America/New_York' });
});
afterAll(() => t.close());

/** Runs the job every `stepMs` (30 s, as the timer does) from `fromIso` (exclusive) to `toIso` (inclusive). */
async function tick(fromIso: string, toIso: string, stepMs = 30_000) {
  for (let ms = Date.parse(fromIso) + stepMs; ms <= Date.parse(toIso); ms += stepMs)
    await runReminders(t.db, new Date(ms));
}

describe('the reminder job', () => {
  it('enqueues the reminder of the 3rd weekly occurrence once, at its New York daylight-time instant', async () => {
    // Tuesdays 09:00 from 26 Feb 2030; DST starts 10 Mar, so the 3rd (12 Mar) is 13:00Z, not 14:00Z.
    const s = await weeklySeries(t, organiser, { start: '2030-02-26T09:00:00', zone: 'America/New_York' });
    await scannedUpTo(t.db, '2030-03-12T12:30:00Z');
    await tick('2030-03-12T12:30:00Z', '2030-03-12T12:42:30Z');
    expect(await enqueuedReminders(t.db, organiser.user.id)).toEqual([]);
    await tick('2030-03-12T12:42:30Z', '2030-03-12T13:10:00Z');
    // A second instance running the same minute again adds nothing.
    await runReminders(t.db, new Date('2030-03-12T12:44:00Z'));
    const got = await enqueuedReminders(t.db, organiser.user.id);
    expect(got.map((r) => [r.due, r.occurrence, r.dedupe_key])).toEqual([
      [
        '2030-03-12T12:45:00.000Z',
        '2030-03-12T09:00:00',
        `reminder|${s.id}|2030-03-12T09:00:00|15:2030-03-12T12:45:00.000Z`,
      ],
    ]);
    expect(got[0]!.title).toBe('Weekly planning — Tue 12 Mar, 09:00');
    expect(got[0]!.body).toMatch(/^Starts in 15 minutes \(09:00–10:00, America\/New_York\)/);
  });

  it('drops an enqueued reminder when the series moves, and enqueues it at the new time', async () => {
    const s = await weeklySeries(t, organiser, {
      start: '2030-04-02T09:00:00',
      zone: 'Europe/Berlin',
      title: 'Berlin sync',
    });
    // 16 Apr 09:00 CEST = 07:00Z → reminder at 06:45Z, enqueued by 06:44.
    await scannedUpTo(t.db, '2030-04-16T06:40:00Z');
    await tick('2030-04-16T06:40:00Z', '2030-04-16T06:44:00Z');
    const mine = async () =>
      (await enqueuedReminders(t.db, organiser.user.id))
        .filter((r) => r.title.startsWith('Berlin sync'))
        .map((r) => r.due);
    expect(await mine()).toEqual(['2030-04-16T06:45:00.000Z']);
    // The whole series moves an hour later at 06:44:10: the pending one goes, the new one comes in time.
    await editAt(
      t,
      organiser,
      '2030-04-16T06:44:10Z',
      s.id,
      { start: '2030-04-02T10:00:00', end: '2030-04-02T11:00:00' },
      { scope: 'all' },
    );
    expect(await mine()).toEqual([]);
    await tick('2030-04-16T06:44:00Z', '2030-04-16T07:50:00Z', 60_000);
    expect(await mine()).toEqual(['2030-04-16T07:45:00.000Z']);
    // One occurrence moves ("this"): the next week's reminder follows it; the one sent stays sent.
    await sentUpTo(t.db, '2030-04-16T07:50:00Z');
    await editAt(
      t,
      organiser,
      '2030-04-16T07:50:00Z',
      s.id,
      { start: '2030-04-23T13:00:00', end: '2030-04-23T14:00:00' },
      { scope: 'this', occurrence: '2030-04-23T10:00:00' },
    );
    await scannedUpTo(t.db, '2030-04-23T07:30:00Z');
    await tick('2030-04-23T07:30:00Z', '2030-04-23T11:00:00Z', 90_000);
    expect(await mine()).toEqual(['2030-04-16T07:45:00.000Z', '2030-04-23T10:45:00.000Z']);
  });

  it('reminds a moved occurrence already enqueued at its new time at once', async () => {
    const s = await weeklySeries(t, organiser, {
      start: '2030-05-07T09:00:00',
      zone: 'UTC',
      title: 'Moved late',
    });
    await scannedUpTo(t.db, '2030-05-14T08:40:00Z');
    await tick('2030-05-14T08:40:00Z', '2030-05-14T08:44:00Z');
    // Moved 30 s later while its reminder (08:45) is enqueued: replaced by one at 08:45:30, without waiting for a run.
    await editAt(
      t,
      organiser,
      '2030-05-14T08:44:05Z',
      s.id,
      { start: '2030-05-14T09:00:30', end: '2030-05-14T10:00:30' },
      { scope: 'this', occurrence: '2030-05-14T09:00:00' },
    );
    const got = (await enqueuedReminders(t.db, organiser.user.id)).filter((r) =>
      r.title.startsWith('Moved late'),
    );
    expect(got.map((r) => r.due)).toEqual(['2030-05-14T08:45:30.000Z']);
  });

  it('reminds invited people by their defaults or their own choice, and never those who declined', async () => {
    await request(t, guest, 'PATCH', '/api/v1/preferences', { defaultReminders: [60, 1440] });
    const s = await weeklySeries(t, organiser, {
      start: '2030-06-04T09:00:00',
      zone: 'Asia/Manila',
      title: 'Invited',
      reminders: [5],
    });
    for (const who of [guest, decliner])
      expect(
        (await request(t, organiser, 'POST', `/api/v1/items/${s.id}/participants`, { userId: who.user.id }))
          .statusCode,
      ).toBe(201);
    expect(
      (await request(t, decliner, 'POST', `/api/v1/items/${s.id}/rsvp`, { status: 'declined' })).statusCode,
    ).toBe(200);
    // The guest declines only the second occurrence.
    await request(t, guest, 'POST', `/api/v1/items/${s.id}/rsvp`, {
      status: 'declined',
      occurrence: '2030-06-11T09:00:00',
    });
    await scannedUpTo(t.db, '2030-06-03T00:00:00Z');
    for (let h = 0; h < 24 * 9; h += 1)
      await runReminders(t.db, new Date(Date.parse('2030-06-03T00:00:00Z') + h * 3_600_000));
    const of = async (who: Who) =>
      (await enqueuedReminders(t.db, who.user.id))
        .filter((r) => r.title.startsWith('Invited'))
        .map((r) => r.due);
    // 09:00 Manila = 01:00Z. The organiser's own [5]; the guest's defaults a day and an hour before, the 11th declined.
    expect(await of(organiser)).toEqual(['2030-06-04T00:55:00.000Z', '2030-06-11T00:55:00.000Z']);
    expect(await of(guest)).toEqual(['2030-06-03T01:00:00.000Z', '2030-06-04T00:00:00.000Z']);
    expect(await of(decliner)).toEqual([]);
  });

  it('drops an enqueued reminder of someone who declines, or is removed, at once', async () => {
    const s = await weeklySeries(t, organiser, {
      start: '2030-07-02T09:00:00',
      zone: 'UTC',
      title: 'Answered late',
    });
    const added = await request(t, organiser, 'POST', `/api/v1/items/${s.id}/participants`, {
      userId: guest.user.id,
    });
    await request(t, organiser, 'POST', `/api/v1/items/${s.id}/participants`, { userId: decliner.user.id });
    await scannedUpTo(t.db, '2030-07-02T07:40:00Z');
    await tick('2030-07-02T07:40:00Z', '2030-07-02T08:44:00Z', 60_000);
    const of = async (who: Who) =>
      (await enqueuedReminders(t.db, who.user.id))
        .filter((r) => r.title.startsWith('Answered late'))
        .map((r) => r.due);
    // The guest's defaults (an hour, a day) and the decliner's (15 min) are enqueued.
    expect(await of(guest)).toEqual(['2030-07-02T08:00:00.000Z']);
    expect(await of(decliner)).toEqual(['2030-07-02T08:45:00.000Z']);
    await request(t, decliner, 'POST', `/api/v1/items/${s.id}/rsvp`, {
      status: 'declined',
      occurrence: '2030-07-02T09:00:00',
    });
    expect(await of(decliner)).toEqual([]);
    expect(await of(organiser)).toEqual(['2030-07-02T08:45:00.000Z']);
    await sentUpTo(t.db, '2030-07-02T08:00:00Z');
    await request(t, organiser, 'DELETE', `/api/v1/items/${s.id}/participants/${added.json().id}`);
    // What was sent stays; nothing pending remains for the removed guest.
    expect(await of(guest)).toEqual(['2030-07-02T08:00:00.000Z']);
    const pending = await t.db.query(
      `select 1 from deliveries d join notifications n on n.id = d.notification_id
        where n.recipient_id = $1 and d.status = 'pending' and n.item_id = $2`,
      [guest.user.id, s.id],
    );
    expect(pending.rowCount).toBe(0);
  });

  it('after downtime sends what fell due in the last hour, not what is older', async () => {
    await weeklySeries(t, organiser, { start: '2030-08-06T09:00:00', zone: 'UTC', title: 'Early' });
    await weeklySeries(t, organiser, { start: '2030-08-06T10:30:00', zone: 'UTC', title: 'Later' });
    // Down from 08:00 to 11:00: Early's reminder (08:45) is over two hours late, Later's (10:15) 45 minutes.
    await scannedUpTo(t.db, '2030-08-06T08:00:00Z');
    await runReminders(t.db, new Date('2030-08-06T11:00:00Z'));
    const got = (await enqueuedReminders(t.db, organiser.user.id)).filter((r) =>
      r.due.startsWith('2030-08-06'),
    );
    expect(got.map((r) => [r.title.split(' — ')[0], r.due])).toEqual([['Later', '2030-08-06T10:15:00.000Z']]);
  });

  it('enqueues once when several servers run the job at the same moment', async () => {
    await weeklySeries(t, organiser, { start: '2030-09-03T09:00:00', zone: 'UTC', title: 'Shared job' });
    await scannedUpTo(t.db, '2030-09-03T08:40:00Z');
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => runReminders(t.db, new Date('2030-09-03T08:44:00Z'))),
    );
    // One run takes the window (other series of this file fall in it too); the rest find it done.
    expect(
      runs.filter((r) => r.enqueued > 0),
      JSON.stringify(runs),
    ).toHaveLength(1);
    const got = (await enqueuedReminders(t.db, organiser.user.id)).filter((r) =>
      r.title.startsWith('Shared job'),
    );
    expect(got.map((r) => r.due)).toEqual(['2030-09-03T08:45:00.000Z']);
  });

  it('moves an all-day reminder already enqueued when the person’s time zone changes', async () => {
    const res = await request(t, decliner, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Zone day',
      allDay: true,
      start: '2030-10-01',
      end: '2030-10-02',
      timeZone: 'Asia/Manila',
      reminders: [60],
    });
    expect(res.statusCode, res.body).toBe(201);
    const of = async () =>
      (await enqueuedReminders(t.db, decliner.user.id))
        .filter((r) => r.title.startsWith('Zone day'))
        .map((r) => r.due);
    // Midnight in Manila is 16:00Z the day before: the hour-before reminder at 15:00Z, enqueued by 14:59.
    await scannedUpTo(t.db, '2030-09-30T14:55:00Z');
    await tick('2030-09-30T14:55:00Z', '2030-09-30T14:59:00Z', 60_000);
    expect(await of()).toEqual(['2030-09-30T15:00:00.000Z']);
    // Now in Bangkok (UTC+7): midnight is 17:00Z, the reminder 16:00Z.
    await t.db.query(`update users set time_zone = 'Asia/Bangkok' where id = $1`, [decliner.user.id]);
    await timeZoneChanged(t.db, decliner.user.id, new Date('2030-09-30T14:59:10Z'));
    expect(await of()).toEqual([]);
    await tick('2030-09-30T14:59:00Z', '2030-09-30T16:00:00Z', 120_000);
    expect(await of()).toEqual(['2030-09-30T16:00:00.000Z']);
  });
});
