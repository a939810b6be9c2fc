import { describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana.ali@oobc.example', password: 'norhana password 1' };
const COORDINATOR = {
  name: 'Datu Piang',
  email: 'datu.piang@oobc.example',
  password: 'datu piang password 1',
};
const TITLE = 'Family visit in Marawi';
// A fixed week far from "now", so the journey reads the same on any day: Monday 4 March 2030.
const MONDAY = '2030-03-04';

describe.skipIf(!hasChromium)(
  'browser journey: leave requested, approved from the queue, seen approved',
  () => {
    const j = useJourney({
      KALENDARYO_ADMIN_EMAIL: ADMIN.email,
      KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
    });

    it('a staff member files leave on their own calendar, a coordinator approves it, the staff member sees it approved', async () => {
      const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
      await call(j.server.url, admin, 'POST', '/users', { ...STAFF, role: 'staff' });
      await call(j.server.url, admin, 'POST', '/users', { ...COORDINATOR, role: 'coordinator' });

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
    });
  },
);
