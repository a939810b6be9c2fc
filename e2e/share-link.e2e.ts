import { describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const CALENDAR = 'Outreach team';
const TITLE = 'Barangay consultation';

describe.skipIf(!hasChromium)('browser journey: a calendar shared by link', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });

  it('shares a calendar by link, opens it in a fresh browser without signing in, revokes it and sees it gone', async () => {
    const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
    const cal = await call<{ id: string }>(j.server.url, admin, 'POST', '/calendars', { name: CALENDAR });
    // Today at noon UTC, so the public month view (which opens on today) shows it.
    const today = new Date().toISOString().slice(0, 10);
    await call(j.server.url, admin, 'POST', '/items', {
      kind: 'event',
      calendarId: cal.id,
      title: TITLE,
      start: `${today}T12:00:00Z`,
      end: `${today}T13:00:00Z`,
      timeZone: 'UTC',
    });

    const page = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(page, j.server.url, ADMIN);
    await page.getByRole('button', { name: `Share ${CALENDAR}` }).click();
    const dialog = page.getByRole('dialog', { name: `Share “${CALENDAR}”` });
    await dialog.getByLabel('Access').selectOption('view');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.getByLabel('New link (shown only now)').inputValue();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}/e2e-share-dialog.png`, fullPage: true });

    // A fresh browser: no session, no cookies.
    const stranger = await (
      await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await stranger.goto(url);
    await stranger.getByRole('heading', { name: CALENDAR, level: 1 }).waitFor();
    await stranger.getByText(TITLE).first().waitFor();
    await stranger.getByRole('button', { name: 'Agenda' }).click();
    await stranger.getByText(TITLE).first().waitFor();
    expect(await seriousViolations(stranger)).toEqual([]);
    await stranger.screenshot({ path: `${artifacts}/e2e-share-public.png`, fullPage: true });

    // The manager sees the view and revokes the link; the stranger's next visit finds nothing.
    const row = dialog.getByRole('row').filter({ hasText: 'View' });
    await expect.poll(async () => (await row.count()) > 0).toBe(true);
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await stranger.reload();
    await stranger.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(await stranger.getByText(TITLE).count()).toBe(0);
  });
});
