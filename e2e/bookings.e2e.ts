import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana.ali@oobc.example', password: 'norhana password 1' };
const OTHER = { name: 'Omar Guiamel', email: 'omar.guiamel@oobc.example', password: 'omar password 12' };
const APPROVER = { name: 'Amina Lidasan', email: 'amina.lidasan@oobc.example', password: 'amina password 1' };
const VAN = 'Toyota Hiace (SAB 1234)';
const PURPOSE = 'Field visit to Barangay Tamontaka';

/** A day a week from now in Manila, so the booking is always in the future and within the rules. */
function dayInAWeek(): string {
  const manila = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000);
  return manila.toISOString().slice(0, 10);
}
const DAY = dayInAWeek();

interface Booking {
  id: string;
  status: string;
  start: string;
  purpose: string;
}

/** The left edge of an hour's column on the timeline's header. */
async function hourX(page: Page, hour: string): Promise<number> {
  const slot = page.locator('.resource-timeline .ec-slot').filter({
    has: page.locator(`time[datetime="${DAY}T${hour}:00:00"]`),
  });
  return (await slot.boundingBox())!.x;
}

describe.skipIf(!hasChromium)('browser journey: a vehicle booked, approved and on the timeline', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });
  let admin: string;
  let vanId: string;

  beforeAll(async () => {
    const login = await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN);
    admin = login.token;
    const users: Record<string, string> = {};
    for (const [who, role] of [
      [STAFF, 'staff'],
      [OTHER, 'staff'],
      [APPROVER, 'staff'],
    ] as const) {
      const u = await call<{ id: string }>(j.server.url, admin, 'POST', '/users', { ...who, role });
      users[who.email] = u.id;
    }
    // The van names its approver: a staff member who decides its bookings (not every coordinator).
    const van = await call<{ id: string }>(j.server.url, admin, 'POST', '/resources', {
      name: VAN,
      type: 'vehicle',
      location: 'Cotabato City motor pool',
      capacity: 12,
      rules: { maxDaysAhead: 60, maxDurationMinutes: 720, approverIds: [users[APPROVER.email]] },
    });
    vanId = van.id;
    await call(j.server.url, admin, 'POST', '/resources', {
      name: 'Conference Room A',
      type: 'room',
      capacity: 30,
    });
  });

  it('a staff member requests the van for a field visit, its approver approves it in the queue, and the timeline shows it approved', async () => {
    // 1. The staff member finds the van in the list and asks for it.
    const staff = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(staff, j.server.url, STAFF);
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Resources' }).click();
    await staff.getByRole('heading', { name: 'Resources', level: 1 }).waitFor();
    await staff.getByLabel('Filter by type').selectOption('vehicle');
    await staff.getByRole('row', { name: new RegExp(VAN.replace(/[()]/g, '\\$&')) }).waitFor();
    expect(await staff.getByRole('link', { name: 'New resource' }).count()).toBe(0); // staff read the list only
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByRole('link', { name: `Book ${VAN}` }).click();

    const form = staff.getByRole('form', { name: 'New booking' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('Resource').inputValue()).toBe(vanId);
    await form.getByLabel('Starts').fill(`${DAY}T08:00`);
    await form.getByLabel('Ends').fill(`${DAY}T12:00`);
    await form.getByLabel('Purpose').fill(PURPOSE);
    await form.getByLabel('Notes').fill('Six staff, with the MANA survey kits.');
    const availability = staff.getByRole('region', { name: 'Availability' });
    await availability.getByText(`${VAN} is free at this time.`).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${artifacts}/e2e-bookings-form.png`, fullPage: true });
    await form.getByRole('button', { name: 'Request booking' }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: `Requested ${VAN}` })
      .waitFor();

    const [mine] = (
      await call<{ items: Booking[] }>(j.server.url, admin, 'GET', `/bookings?resourceId=${vanId}`)
    ).items;
    expect(mine).toMatchObject({ status: 'pending', purpose: PURPOSE, start: `${DAY}T00:00:00.000Z` });

    await staff.goto(`${j.server.url}/bookings`);
    const row = staff.getByRole('row', { name: new RegExp(PURPOSE) });
    await row.getByText('Pending approval').waitFor();
    await row.getByRole('button', { name: `Cancel “${PURPOSE}”` }).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${artifacts}/e2e-bookings-mine.png`, fullPage: true });

    // 2. The van's approver decides it in the queue: select it, approve the selection.
    const approver = await (
      await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await signIn(approver, j.server.url, APPROVER);
    await approver.goto(`${j.server.url}/bookings`);
    await approver
      .getByRole('navigation', { name: 'Booking views' })
      .getByRole('link', { name: 'Approvals' })
      .click();
    const queued = approver.getByRole('row', { name: new RegExp(PURPOSE) });
    await queued.waitFor();
    expect(await queued.textContent()).toContain(STAFF.name);
    // Rejecting needs a reason: the bulk reject refuses to go without one.
    await queued.getByRole('checkbox', { name: `Select “${PURPOSE}”` }).check();
    await approver.getByRole('button', { name: 'Reject selected' }).click();
    await approver.getByText('Give a reason to reject').waitFor();
    expect(await seriousViolations(approver)).toEqual([]);
    await approver.screenshot({ path: `${artifacts}/e2e-bookings-approvals.png`, fullPage: true });
    await approver.getByRole('button', { name: 'Approve selected' }).click();
    await approver.getByRole('status').filter({ hasText: 'Approved 1 booking.' }).waitFor();
    await approver.getByText('No requests are waiting for you.').waitFor();

    // 3. The timeline shows the van approved that morning, and the rest of the day free.
    await approver.goto(`${j.server.url}/resources/timeline?view=day&date=${DAY}`);
    const block = approver.locator(`.resource-timeline [data-booking-id="${mine!.id}"]`);
    await block.waitFor();
    expect(await block.getAttribute('data-status')).toBe('approved');
    expect(await block.getAttribute('aria-label')).toMatch(
      new RegExp(`^${PURPOSE}, .*8:00.*12:00.*, Approved, requested by ${STAFF.name}`),
    );
    expect(await approver.locator('.resource-timeline .bk-free').count()).toBeGreaterThan(0);
    expect(await seriousViolations(approver)).toEqual([]);
    await approver.screenshot({ path: `${artifacts}/e2e-bookings-timeline.png`, fullPage: true });
    await block.click();
    const details = approver.getByRole('dialog', { name: PURPOSE });
    await details.getByText('Approved').waitFor();
    await details.getByRole('button', { name: 'Close' }).click();

    // 4. Another colleague drags across the van's free afternoon: the form opens for that slot.
    // Moved onto the approved morning, it warns that the van is taken, and the server's refusal
    // names the booking in the way.
    const other = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(other, j.server.url, OTHER);
    await other.goto(`${j.server.url}/resources/timeline?view=day&date=${DAY}`);
    const label = other.locator(`.resource-timeline [data-resource-id="${vanId}"]`).first();
    await label.waitFor();
    // The colleague sees the morning as taken without seeing whose booking it is.
    await other.locator(`.resource-timeline .bk-busy[data-resource-id="${vanId}"]`).waitFor();
    const y = (await label.boundingBox())!.y + 8;
    const from = (await hourX(other, '13')) + 10;
    const to = (await hourX(other, '14')) + 30;
    await other.mouse.move(from, y);
    await other.mouse.down();
    for (let i = 1; i <= 8; i++) await other.mouse.move(from + ((to - from) * i) / 8, y, { steps: 2 });
    await other.mouse.up();
    const second = other.getByRole('form', { name: 'New booking' });
    await second.waitFor();
    expect(await second.getByLabel('Resource').inputValue()).toBe(vanId);
    expect(await second.getByLabel('Starts').inputValue()).toBe(`${DAY}T13:00`);
    expect(await second.getByLabel('Ends').inputValue()).toBe(`${DAY}T14:30`);
    const check = other.getByRole('region', { name: 'Availability' });
    await check.getByText(`${VAN} is free at this time.`).waitFor();
    await second.getByLabel('Starts').fill(`${DAY}T11:00`);
    await check.getByText(/already booked for part of this time/).waitFor();
    await second.getByLabel('Purpose').fill('Courtesy call, Municipal Hall');
    await other
      .getByRole('region', { name: 'Availability' })
      .getByText(/already booked for part of this time/)
      .waitFor();
    await second.getByRole('button', { name: 'Request booking' }).click();
    const refusal = other.getByRole('alert').filter({ hasText: 'Not booked' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/8:00.*12:00.*Approved/);
    await other.screenshot({ path: `${artifacts}/e2e-bookings-conflict.png`, fullPage: true });
  });
});
