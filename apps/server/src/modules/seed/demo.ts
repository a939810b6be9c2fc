import type { Community, CreateItemBody, Item, Role, User } from '@kalendaryo/contract';
import { createBooking, transition } from '../bookings';
import { createCalendar, setMember } from '../calendars';
import { createCommunity } from '../communities';
import type { Actor, ServiceDeps } from '../deps';
import { createItem, decideLeave } from '../items';
import { createResource } from '../resources';
import { createUser, findUserByEmail } from '../users';

export const DEMO_PASSWORD = 'mindanao demo office';
const meta = { ip: 'seed' };

const people: { email: string; name: string; role: Role }[] = [
  { email: 'director@oobc.example', name: 'Datu Hamid Sarip', role: 'admin' },
  { email: 'amina.lidasan@oobc.example', name: 'Amina Lidasan', role: 'coordinator' },
  { email: 'rashid.ampatuan@oobc.example', name: 'Rashid Macapagal', role: 'coordinator' },
  { email: 'norhana.ali@oobc.example', name: 'Norhana Ali', role: 'staff' },
  { email: 'jamal.usman@oobc.example', name: 'Jamal Usman', role: 'staff' },
  { email: 'fatima.dimaporo@oobc.example', name: 'Fatima Dimalanta', role: 'staff' },
  { email: 'carlo.reyes@oobc.example', name: 'Carlo Reyes', role: 'staff' },
  { email: 'sittie.pangandaman@oobc.example', name: 'Sittie Pangcoga', role: 'staff' },
  { email: 'auditor@oobc.example', name: 'Office Auditor', role: 'viewer' },
];

const communities = [
  {
    name: 'Sangali Muslim Community',
    region: 'Region IX – Zamboanga Peninsula',
    province: 'Zamboanga del Sur',
    municipality: 'Zamboanga City',
    barangay: 'Sangali',
  },
  {
    name: 'Tambacan Maranao Community',
    region: 'Region X – Northern Mindanao',
    province: 'Lanao del Norte',
    municipality: 'Iligan City',
    barangay: 'Tambacan',
  },
  {
    name: 'Calumpang Bangsamoro Community',
    region: 'Region XII – SOCCSKSARGEN',
    province: 'South Cotabato',
    municipality: 'General Santos City',
    barangay: 'Calumpang',
  },
  {
    name: 'Davao Muslim Village',
    region: 'Region XI – Davao Region',
    province: 'Davao del Sur',
    municipality: 'Davao City',
    barangay: '23-C',
  },
  {
    name: 'Pangobilian Palawani Community',
    region: 'Region IV-B – MIMAROPA',
    province: 'Palawan',
    municipality: "Brooke's Point",
    barangay: 'Pangobilian',
  },
  {
    name: 'Ipil Sama-Bajau Community',
    region: 'Region IX – Zamboanga Peninsula',
    province: 'Zamboanga Sibugay',
    municipality: 'Ipil',
    barangay: 'Taway',
  },
];

/** Manila wall time on a day offset from `base`, as a UTC instant (Manila is UTC+8, no DST). */
const at = (base: Date, dayOffset: number, hour: number, minute = 0) => {
  const d = new Date(
    Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() + dayOffset, hour - 8, minute),
  );
  return d.toISOString();
};
const day = (base: Date, dayOffset: number) =>
  new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() + dayOffset))
    .toISOString()
    .slice(0, 10);

/**
 * Fills an empty office with realistic demo data: staff of every role, an office calendar and a
 * MANA team calendar, communities, and a few months of mixed items around `today`.
 * Returns false (and changes nothing) when the demo staff already exist.
 */
export async function seedDemo(
  deps: ServiceDeps,
  today: Date,
): Promise<{ seeded: boolean; users: number; items: number }> {
  if (await findUserByEmail(deps.db, people[0]!.email)) return { seeded: false, users: 0, items: 0 };
  const users: User[] = [];
  for (const p of people) users.push(await createUser(deps, null, { ...p, password: DEMO_PASSWORD }, meta));
  const actor = (i: number): Actor => ({
    userId: users[i]!.id,
    role: users[i]!.role,
    name: users[i]!.name,
    email: users[i]!.email,
    sessionId: '',
    via: 'bearer',
    csrfToken: null,
  });
  const director = actor(0);
  const coord = actor(1);

  const office = await createCalendar(
    deps,
    director,
    { name: 'OOBC Office', color: '#0f766e', description: 'Office-wide schedule' },
    meta,
  );
  const mana = await createCalendar(
    deps,
    coord,
    { name: 'MANA Team', color: '#b45309', description: 'Mapping and needs assessment field work' },
    meta,
  );
  for (let i = 1; i < users.length; i++) {
    await setMember(
      deps,
      director,
      office.id,
      users[i]!.id,
      i <= 2 ? 'manage' : users[i]!.role === 'viewer' ? 'view' : 'edit',
      meta,
    );
  }
  for (const i of [0, 2, 3, 4, 5]) await setMember(deps, coord, mana.id, users[i]!.id, 'edit', meta);
  const comm: Community[] = [];
  for (const c of communities) comm.push(await createCommunity(deps, director, c));

  // Monday of this week as the anchor.
  const base = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7)),
  );
  const items: [Actor, CreateItemBody][] = [
    [
      coord,
      {
        kind: 'event',
        calendarId: office.id,
        title: 'Weekly staff meeting',
        start: at(base, -28, 9),
        end: at(base, -28, 10),
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        location: 'Conference Room A',
        details: { eventType: 'meeting', agenda: 'Updates from each unit; week plan' },
      },
    ],
    [
      coord,
      {
        kind: 'event',
        calendarId: office.id,
        title: 'Monthly coordination meeting with line agencies',
        start: at(base, -27, 14),
        end: at(base, -27, 16),
        rrule: 'FREQ=MONTHLY;BYDAY=2TU',
        location: 'Conference Room A',
        details: { eventType: 'consultation' },
      },
    ],
    [
      director,
      {
        kind: 'event',
        calendarId: office.id,
        title: 'Management committee',
        start: at(base, -25, 15),
        end: at(base, -25, 16, 30),
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
        location: "Director's office",
      },
    ],
    [
      coord,
      {
        kind: 'engagement',
        calendarId: office.id,
        title: 'Dialogue with Sangali barangay council',
        start: at(base, 3, 9),
        end: at(base, 3, 12),
        communityId: comm[0]!.id,
        location: 'Sangali Barangay Hall',
        details: {
          stakeholders: ['Barangay council', 'Ulama representatives', 'Women’s group'],
          engagementType: 'dialogue',
        },
      },
    ],
    [
      coord,
      {
        kind: 'engagement',
        calendarId: office.id,
        title: 'Partnership meeting with DSWD field office',
        start: at(base, 10, 10),
        end: at(base, 10, 11, 30),
        details: { stakeholders: ['DSWD Region XII'], engagementType: 'partnership' },
      },
    ],
    [
      coord,
      {
        kind: 'assessment',
        calendarId: mana.id,
        title: 'MANA field assessment — Tambacan',
        allDay: true,
        start: day(base, 15),
        end: day(base, 18),
        communityId: comm[1]!.id,
        location: 'Iligan City',
        details: { assessmentType: 'mana', team: ['Norhana Ali', 'Jamal Usman', 'Fatima Dimalanta'] },
      },
    ],
    [
      coord,
      {
        kind: 'assessment',
        calendarId: mana.id,
        title: 'MANA follow-up — Calumpang',
        allDay: true,
        start: day(base, 36),
        end: day(base, 38),
        communityId: comm[2]!.id,
        details: { assessmentType: 'follow_up', team: ['Jamal Usman', 'Carlo Reyes'] },
      },
    ],
    [
      director,
      {
        kind: 'community_event',
        calendarId: office.id,
        title: 'Kalilang cultural festival',
        allDay: true,
        start: day(base, 20),
        end: day(base, 22),
        communityId: comm[3]!.id,
        details: {
          eventCategory: 'cultural',
          serviceImpact: 'medium',
          impactNotes: 'Field visits to Davao paused during the festival',
        },
      },
    ],
    [
      director,
      {
        kind: 'community_event',
        calendarId: office.id,
        title: 'Barangay assembly day',
        allDay: true,
        start: day(base, 31),
        end: day(base, 31),
        communityId: comm[4]!.id,
        details: { eventCategory: 'administrative', serviceImpact: 'low' },
      },
    ],
    [
      director,
      {
        kind: 'community_event',
        calendarId: office.id,
        title: 'Friday congregational prayer (Jumu’ah)',
        start: at(base, 4, 11, 30),
        end: at(base, 4, 13),
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        communityId: comm[0]!.id,
        details: {
          eventCategory: 'religious',
          serviceImpact: 'low',
          impactNotes: 'No meetings with community leaders at midday on Fridays',
        },
      },
    ],
    [
      actor(3),
      {
        kind: 'task',
        title: 'Consolidate MANA findings report',
        start: at(base, 1, 8),
        end: at(base, 1, 17),
        details: { assigneeId: users[3]!.id, priority: 'high', dueAt: at(base, 12, 17) },
      },
    ],
    [
      coord,
      {
        kind: 'task',
        calendarId: office.id,
        title: 'Prepare vehicle request for Tambacan trip',
        start: at(base, 2, 9),
        end: at(base, 2, 10),
        details: { assigneeId: users[4]!.id, priority: 'normal', dueAt: at(base, 8, 17) },
      },
    ],
    [
      actor(6),
      {
        kind: 'task',
        title: 'Update community registry entries',
        start: at(base, 5, 13),
        end: at(base, 5, 15),
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6',
        details: { assigneeId: users[6]!.id, priority: 'low' },
      },
    ],
    [
      actor(4),
      {
        kind: 'leave',
        title: 'Vacation leave',
        allDay: true,
        start: day(base, 22),
        end: day(base, 26),
        details: { leaveType: 'vacation' },
      },
    ],
    [
      actor(5),
      {
        kind: 'leave',
        title: 'Sick leave',
        allDay: true,
        start: day(base, -3),
        end: day(base, -2),
        details: { leaveType: 'sick' },
      },
    ],
    [
      actor(7),
      {
        kind: 'leave',
        title: 'Special leave',
        allDay: true,
        start: day(base, 40),
        end: day(base, 42),
        details: { leaveType: 'special' },
      },
    ],
    [
      actor(3),
      {
        kind: 'event',
        title: 'Training: Conflict-sensitive facilitation',
        start: at(base, 8, 8),
        end: at(base, 9, 17),
        location: 'Davao City',
        details: { eventType: 'training' },
      },
    ],
  ];
  const created: Item[] = [];
  for (const [who, body] of items) created.push(await createItem(deps, who, body, meta));
  // One leave approved, one pending; the sick leave approved after the fact.
  await decideLeave(deps, coord, created[13]!.id, 'approve', 'Covered by Carlo', meta);
  await decideLeave(deps, coord, created[14]!.id, 'approve', 'Get well soon', meta);

  // Resources: vehicles, rooms and equipment, with a few bookings around the week.
  const van = await createResource(
    deps,
    director,
    {
      name: 'Toyota Hiace (SAB 1234)',
      type: 'vehicle',
      capacity: 12,
      location: 'Motor pool',
      rules: { maxDaysAhead: 90, approverIds: [users[1]!.id] },
    },
    meta,
  );
  const pickup = await createResource(
    deps,
    director,
    {
      name: 'Mitsubishi Strada (SAC 5678)',
      type: 'vehicle',
      capacity: 5,
      location: 'Motor pool',
      rules: { maxDaysAhead: 90 },
    },
    meta,
  );
  const roomA = await createResource(
    deps,
    director,
    {
      name: 'Conference Room A',
      type: 'room',
      capacity: 20,
      location: '2nd floor',
      rules: { autoApprove: true, maxDurationMinutes: 480 },
    },
    meta,
  );
  await createResource(
    deps,
    director,
    { name: 'Training Hall', type: 'facility', capacity: 60, location: 'Ground floor' },
    meta,
  );
  const projector = await createResource(
    deps,
    director,
    { name: 'Epson projector', type: 'equipment', location: 'Admin office', rules: { autoApprove: true } },
    meta,
  );
  await createResource(
    deps,
    director,
    { name: 'Facilitator: Amina Lidasan', type: 'facilitator', userId: users[1]!.id },
    meta,
  );
  const bookingDeps = { db: deps.db, horizonDays: 365 };
  // Days from today (never in the past, whatever the weekday the seed runs on).
  const todayUtc = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const soon = (d: number, h: number) => at(todayUtc, d, h);
  const trip = await createBooking(
    bookingDeps,
    actor(3),
    {
      resourceId: van.id,
      start: soon(15, 6),
      end: soon(18, 18),
      purpose: 'MANA field assessment in Tambacan, Iligan City',
    },
    meta,
    today,
  );
  await transition(bookingDeps, coord, trip.id, 'approve', 'Driver assigned', meta, today);
  await createBooking(
    bookingDeps,
    actor(4),
    {
      resourceId: pickup.id,
      start: soon(3, 7),
      end: soon(3, 14),
      purpose: 'Dialogue with Sangali barangay council',
    },
    meta,
    today,
  );
  await createBooking(
    bookingDeps,
    coord,
    {
      resourceId: roomA.id,
      start: soon(10, 10),
      end: soon(10, 12),
      purpose: 'Partnership meeting with DSWD field office',
    },
    meta,
    today,
  );
  await createBooking(
    bookingDeps,
    actor(3),
    {
      resourceId: projector.id,
      start: soon(8, 8),
      end: soon(9, 17),
      purpose: 'Training: conflict-sensitive facilitation',
    },
    meta,
    today,
  );
  return { seeded: true, users: users.length, items: created.length };
}
