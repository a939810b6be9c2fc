import { describe, expect, it } from 'vitest';
import { hasChromium, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };

/** Script files the page fetched, by name ('time-<hash>.js'). */
const scriptNames = (urls: readonly string[]) => urls.map((u) => new URL(u).pathname.split('/').at(-1) ?? '');
// The build names a chunk after its first module: the polyfill's is `implementation-<hash>.js`.
const isPolyfill = (name: string) => name.startsWith('implementation-');

describe.skipIf(!hasChromium)('browser journey: a browser without Temporal', () => {
  const j = useJourney({ KALENDARYO_ADMIN_EMAIL: ADMIN.email, KALENDARYO_ADMIN_PASSWORD: ADMIN.password });

  it('fetches the polyfill after sign-in, and the calendar and the recurrence preview work as with Temporal', async () => {
    const context = await j.browser.newContext();
    // As in a browser that has not shipped Temporal yet.
    await context.addInitScript(() => {
      delete (globalThis as { Temporal?: unknown }).Temporal;
    });
    const page = await context.newPage();
    const scripts: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${j.server.url}/signin`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(scriptNames(scripts).filter(isPolyfill)).toEqual([]);
    await signIn(page, j.server.url, ADMIN);
    expect(scriptNames(scripts).filter(isPolyfill)).toHaveLength(1);
    await page.locator('.calendar-grid').waitFor();

    const search = new URLSearchParams({ start: '2030-03-04T09:00', end: '2030-03-04T10:00' });
    await page.goto(`${j.server.url}/calendar/items/new?${search}`);
    const form = page.getByRole('form', { name: 'New item' });
    await form.getByLabel('Repeats').selectOption('Weekly');
    const preview = form.getByRole('region', { name: 'Next occurrences' }).getByRole('listitem');
    const dates = (await preview.allTextContents()).map((t) => t.replace(/\s/g, ' '));
    expect(dates.slice(0, 3)).toEqual([
      'Mon, Mar 4, 2030, 9:00 AM',
      'Mon, Mar 11, 2030, 9:00 AM',
      'Mon, Mar 18, 2030, 9:00 AM',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
