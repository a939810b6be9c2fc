import { beforeAll, describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana.ali@oobc.example', password: 'norhana password 1' };
const APPROVER = { name: 'Amina Lidasan', email: 'amina.lidasan@oobc.example', password: 'amina password 1' };
const VAN = 'Toyota Hiace (SAB 1234)';
const PURPOSE = 'Consultation in Barangay Kalanganan';
/** Long enough for the worker to hand a message to the inbox on a busy machine. */
const ARRIVES = { timeout: 60_000 };

/** A day a week from now in Manila, so the booking is always in the future and within the rules. */
function dayInAWeek(): string {
  return new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
}
const DAY = dayInAWeek();

describe.skipIf(!hasChromium)('browser journey: a booking request and its decision reach people', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });
  let vanId: string;

  beforeAll(async () => {
    const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
    await call(j.server.url, admin, 'POST', '/users', { ...STAFF, role: 'staff' });
    const approver = await call<{ id: string }>(j.server.url, admin, 'POST', '/users', {
      ...APPROVER,
      role: 'staff',
    });
    const van = await call<{ id: string }>(j.server.url, admin, 'POST', '/resources', {
      name: VAN,
      type: 'vehicle',
      capacity: 12,
      rules: { maxDaysAhead: 60, maxDurationMinutes: 720, approverIds: [approver.id] },
    });
    vanId = van.id;
  });

  it('the approver sees the request arrive without reloading, approves it, and the requester’s inbox shows the decision', async () => {
    // 1. The approver works in the calendar; nothing is waiting yet.
    const approver = await (
      await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await signIn(approver, j.server.url, APPROVER);
    const nav = approver.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // 2. The staff member requests the van.
    const staff = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(staff, j.server.url, STAFF);
    await staff.goto(
      `${j.server.url}/bookings/new?${new URLSearchParams({ resourceId: vanId, back: '/bookings' })}`,
    );
    const form = staff.getByRole('form', { name: 'New booking' });
    await expect.poll(() => form.getByLabel('Resource').inputValue()).toBe(vanId);
    await form.getByLabel('Starts').fill(`${DAY}T08:00`);
    await form.getByLabel('Ends').fill(`${DAY}T12:00`);
    await form.getByLabel('Purpose').fill(PURPOSE);
    await form.getByRole('button', { name: 'Request booking' }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: `Requested ${VAN}` })
      .waitFor();

    // 3. Without a reload, the approver's count rises and a notice announces the request.
    await nav.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor(ARRIVES);
    const notice = approver.getByRole('status').filter({ hasText: 'New notification:' });
    await notice.waitFor();
    expect(await seriousViolations(approver)).toEqual([]);
    await approver.screenshot({ path: `${artifacts}/e2e-notifications-arrived.png`, fullPage: true });
    await notice.getByRole('link', { name: 'Open inbox' }).click();
    await approver.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const request = approver.getByRole('list', { name: 'All messages' }).getByRole('listitem');
    await expect.poll(() => request.count()).toBe(1);
    expect(await request.textContent()).toContain(VAN);
    expect(await seriousViolations(approver)).toEqual([]);

    // 4. The approver decides it in the queue.
    await approver.goto(`${j.server.url}/bookings/approvals`);
    const queued = approver.getByRole('row', { name: new RegExp(PURPOSE) });
    await queued.getByRole('checkbox', { name: `Select “${PURPOSE}”` }).check();
    await approver.getByRole('button', { name: 'Approve selected' }).click();
    await approver.getByRole('status').filter({ hasText: 'Approved 1 booking.' }).waitFor();

    // 5. The requester, still on the page they were on, sees the decision arrive and reads it.
    const staffNav = staff.getByRole('navigation', { name: 'Main' });
    await staffNav.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor(ARRIVES);
    await staffNav.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    const decision = staff.getByRole('list', { name: 'All messages' }).getByRole('listitem');
    await expect.poll(() => decision.count()).toBe(1);
    expect(await decision.textContent()).toMatch(/approved/i);
    expect(await decision.textContent()).toContain(VAN);
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${artifacts}/e2e-notifications-decision.png`, fullPage: true });

    await staff.getByRole('button', { name: 'Mark all as read' }).click();
    await staff.getByRole('status').filter({ hasText: 'Marked 1 message as read.' }).waitFor();
    await staffNav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // 6. The preferences page is reachable from the inbox and clean for assistive technology.
    await staff.getByRole('link', { name: 'Preferences' }).click();
    await staff.getByRole('heading', { name: 'Notification preferences', level: 1 }).waitFor();
    await staff.getByRole('table', { name: 'Where each kind of message reaches you' }).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${artifacts}/e2e-notifications-preferences.png`, fullPage: true });
  });
});
