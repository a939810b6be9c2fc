import { describe, expect, it } from 'vitest';
import { artifacts, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana@oobc.example', password: 'staff password 1' };

describe.skipIf(!hasChromium)('browser journey: first administrator, users and roles', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });

  it('admin signs in and creates a staff user; the staff user signs in and is refused the admin page', async () => {
    const admin = await (await j.browser.newContext()).newPage();
    await admin.goto(j.server.url);
    await admin.waitForURL(/\/signin/);
    expect(await seriousViolations(admin)).toEqual([]);
    await signIn(admin, j.server.url, ADMIN);

    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'New user' }).click();
    const form = admin.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill(STAFF.name);
    await form.getByLabel('Email').fill(STAFF.email);
    await form.getByLabel('Role', { exact: true }).selectOption('staff');
    await form.getByLabel('Initial password').fill(STAFF.password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await admin.getByRole('row', { name: new RegExp(STAFF.email) }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.screenshot({ path: `${artifacts}/e2e-admin-users.png`, fullPage: true });

    const staffContext = await j.browser.newContext({ viewport: { width: 390, height: 844 } });
    const staff = await staffContext.newPage();
    await signIn(staff, j.server.url, STAFF);
    expect(await staff.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await staff.goto(`${j.server.url}/admin/users`);
    await staff.getByRole('heading', { name: 'Access denied' }).waitFor();
    expect(await staff.getByRole('alert').textContent()).toContain('access');
    await staff.screenshot({ path: `${artifacts}/e2e-staff-denied.png`, fullPage: true });
    const api = await staff.request.get(`${j.server.url}/api/v1/users`);
    expect(api.status()).toBe(403);
    await staffContext.close();
  });
});

describe.skipIf(!hasChromium)('browser journey: first run without an administrator', () => {
  const j = useJourney();

  it('opens the set-up page, creates the first administrator and lands signed in', async () => {
    const page = await (await j.browser.newContext()).newPage();
    await page.goto(j.server.url);
    await page.waitForURL(/\/setup/);
    await page.getByLabel('Name').fill('First Admin');
    await page.getByLabel('Email').fill('first@oobc.example');
    await page.getByLabel('Password', { exact: true }).fill('first admin password');
    await page.getByLabel('Confirm password').fill('first admin password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.screenshot({ path: `${artifacts}/e2e-first-run.png`, fullPage: true });
    const setup = await (await fetch(`${j.server.url}/api/v1/setup`)).json();
    expect(setup).toEqual({ needsSetup: false });
  });
});
