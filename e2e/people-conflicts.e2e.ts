import { describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana.ali@oobc.example', password: 'norhana password 1' };
const COORDINATOR = {
  name: 'Datu Piang',
  email: 'datu.piang@oobc.example',
  password: 'datu piang password 1',
};
const COLLEAGUE = {
  name: 'Omar Sali',
  email: 'omar.sali@oobc.example',
  password: 'omar sali password 1',
};
/**
 * The people side of issue 10 in one journey: leave filed by a staff member on their own calendar,
 * approved by a coordinator from the leave queue, and then pointed out to a colleague who invites
 * that staff member to a meeting on one of those days, before the invitation and before saving.
 */
const TITLE = 'Family visit in Marawi';
const MEETING = 'Budget review';
// A fixed week far from "now", so the journey reads the same on any day: Monday 4 March 2030.
const MONDAY = '2030-03-04';

describe.skipIf(!hasChromium)(
  'browser journey: leave requested, approved from the queue, seen approved and warned of',
  () => {
    const j = useJourney({
      KALENDARYO_ADMIN_EMAIL: ADMIN.email,
      KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
    });

    it('a staff member files leave on their own calendar, a coordinator approves it, a colleague inviting them that day is told they are on leave', async () => {
      const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
      await call(j.server.url, admin, 'POST', '/users', { ...STAFF, role: 'staff' });
      await call(j.server.url, admin, 'POST', '/users', { ...COORDINATOR, role: 'coordinator' });
      await call(j.server.url, admin, 'POST', '/users', { ...COLLEAGUE, role: 'staff' });

      // The staff member asks for three days of vacation from the quick-create modal.
      const staff = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
      await signIn(staff, j.server.url, STAFF);
      await staff.goto(`${j.server.url}/calendar?view=month&date=${MONDAY}`);
      await staff.getByRole('heading', { name: 'March 2030' }).waitFor();
      await staff.getByRole('button', { name: 'New', exact: true }).click();
      const quick = staff.getByRole('dialog', { name: 'New item' });
      await quick.getByLabel('Title').fill(TITLE);
      await quick.getByLabel('Kind').selectOption('leave');
      // Leave is whole days: choosing it makes the item all-day.
      expect(await quick.getByRole('checkbox', { name: /all day/i }).isChecked()).toBe(true);
      await quick.getByLabel('Leave type').selectOption('vacation');
      await quick.getByLabel('First day').fill(MONDAY);
      await quick.getByLabel('Last day').fill('2030-03-06');
      await quick.getByRole('button', { name: 'Create' }).click();
      await quick.waitFor({ state: 'hidden' });
      const event = staff.locator('.calendar-grid [data-item-id]').filter({ hasText: TITLE }).first();
      await expect.poll(() => event.textContent()).toContain(`${TITLE} (pending)`);
      expect(await event.getAttribute('class')).toContain('ev-pending');
      await staff.screenshot({ path: `${artifacts}/e2e-leave-pending.png`, fullPage: true });

      // The coordinator finds it in the leave queue and approves it.
      const coordinator = await (
        await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
      ).newPage();
      await signIn(coordinator, j.server.url, COORDINATOR);
      await coordinator.getByRole('link', { name: 'Leave approvals' }).click();
      const queue = coordinator.getByRole('region', { name: 'Pending leave' });
      const row = queue.getByRole('row').filter({ hasText: STAFF.name });
      await row.waitFor();
      expect(await row.textContent()).toContain('Vacation');
      expect(await seriousViolations(coordinator)).toEqual([]);
      await coordinator.screenshot({ path: `${artifacts}/e2e-leave-queue.png`, fullPage: true });
      await coordinator.getByLabel('Reason').fill('Enjoy your visit.');
      await row.getByRole('button', { name: `Approve the leave of ${STAFF.name}` }).click();
      await coordinator.getByText('Approved 1 leave request.').waitFor();
      await coordinator.getByText('No leave is waiting for you.').waitFor();

      // The staff member sees it approved: no longer marked pending, and the popover says so.
      await staff.reload();
      await staff.getByRole('heading', { name: 'March 2030' }).waitFor();
      await expect.poll(() => event.textContent()).not.toContain('(pending)');
      expect(await event.getAttribute('class')).not.toContain('ev-pending');
      await event.click();
      const popover = staff.getByRole('dialog', { name: TITLE });
      await popover.getByText('Approved').waitFor();
      expect(await popover.getByText('Confirmed').count()).toBe(0);
      await staff.screenshot({ path: `${artifacts}/e2e-leave-approved.png`, fullPage: true });

      // A colleague plans a meeting on the Tuesday of that leave and invites the staff member.
      const colleague = await (
        await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
      ).newPage();
      await signIn(colleague, j.server.url, COLLEAGUE);
      const day = `/calendar?view=day&date=2030-03-05`;
      await colleague.goto(
        `${j.server.url}/calendar/items/new?start=2030-03-05T10:00&end=2030-03-05T11:00&title=${encodeURIComponent(MEETING)}&back=${encodeURIComponent(day)}`,
      );
      await colleague.getByRole('heading', { name: 'New item', level: 1 }).waitFor();
      expect(await colleague.getByLabel('Title').inputValue()).toBe(MEETING);
      await colleague.getByRole('button', { name: 'Create' }).click();
      const meeting = colleague.locator('.calendar-grid [data-item-id]').filter({ hasText: MEETING }).first();
      await meeting.waitFor();
      const itemId = await meeting.getAttribute('data-item-id');
      await meeting.click();
      await colleague
        .getByRole('dialog', { name: MEETING })
        .getByRole('link', { name: 'Participants' })
        .click();
      await colleague.getByRole('heading', { name: /Participants/, level: 1 }).waitFor();

      // Before inviting: the colleague found by name is marked on leave at the meeting's time.
      await colleague.getByLabel('Find a colleague').fill('Norhana');
      const found = colleague.getByRole('listitem').filter({ hasText: STAFF.email });
      await expect.poll(() => found.textContent(), { timeout: 10_000 }).toContain('— on leave');
      expect(await found.textContent()).not.toContain('Vacation');
      await colleague.screenshot({ path: `${artifacts}/e2e-people-conflicts-invite.png`, fullPage: true });
      await found.getByRole('button', { name: `Invite ${STAFF.name}` }).click();
      const invited = colleague.getByRole('status', { name: 'Invited, but not free at this time' });
      await invited.waitFor();
      expect(await invited.textContent()).toContain(`${STAFF.name} — on leave`);

      // Before saving a change to the meeting, the form warns again that she is on leave.
      await colleague.goto(`${j.server.url}/calendar/items/${itemId}/edit?back=${encodeURIComponent(day)}`);
      const warning = colleague.getByRole('status', { name: 'Not everyone is free at this time' });
      await warning.waitFor();
      expect(await warning.textContent()).toContain(`${STAFF.name} — on leave`);
      expect(await seriousViolations(colleague)).toEqual([]);
      await colleague.screenshot({ path: `${artifacts}/e2e-people-conflicts-form.png`, fullPage: true });
    });
  },
);
