import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const TITLE = 'Weekly coordination huddle';
// A fixed week far from "now", so the journey reads the same on any day: Monday 4 March 2030.
const MONDAY = '2030-03-04';

interface FeedOccurrence {
  itemId: string | null;
  title: string;
  start: string;
  recurrenceId: string | null;
  isException: boolean;
}

/** The events of the series on the grid, by their recurrence id. */
const occurrence = (page: Page, recurrenceId: string) =>
  page.locator(`.calendar-grid [data-recurrence-id="${recurrenceId}"]`);

describe.skipIf(!hasChromium)('browser journey: a weekly series, moved one occurrence at a time', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });

  it('creates a Monday/Wednesday series in the full form, sees it in month and week views, drags one occurrence to Tuesday and keeps the exception', async () => {
    const page = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(page, j.server.url, ADMIN);
    expect(await seriousViolations(page)).toEqual([]);

    // The full form, reached from the quick-create modal.
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const quick = page.getByRole('dialog', { name: 'New item' });
    await quick.getByLabel('Title').fill(TITLE);
    await quick.getByRole('button', { name: 'More options' }).click();
    const form = page.getByRole('form', { name: 'New item' });
    await expect.poll(() => form.getByLabel('Title').inputValue()).toBe(TITLE);
    // Let the form finish loading what it shows beside the fields (who is busy) before typing.
    await page.waitForLoadState('networkidle');
    const typed = async () =>
      (await form.getByLabel('Starts').inputValue()) === `${MONDAY}T09:00` &&
      (await form.getByLabel('Ends').inputValue()) === `${MONDAY}T10:00`;
    // TODO(issue 11): on a loaded machine the first keystrokes into Starts are sometimes lost while
    // the form settles; type again until both times hold, and find why in the quick-create work.
    for (let attempt = 0; attempt < 5 && !(await typed()); attempt++) {
      await form.getByLabel('Starts').fill(`${MONDAY}T09:00`);
      await form.getByLabel('Ends').fill(`${MONDAY}T10:00`);
      await page.waitForTimeout(300);
    }
    expect(await typed()).toBe(true);
    await form.getByLabel('Location').fill('Conference Room A');
    await form.getByLabel('Repeats').selectOption('WEEKLY');
    const days = form.getByRole('group', { name: 'On these days' });
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await days.getByRole('checkbox', { name: day }).setChecked(day === 'Monday' || day === 'Wednesday');
    }
    // Weekly with no weekday is refused as the person types.
    await days.getByRole('checkbox', { name: 'Monday' }).uncheck();
    await days.getByRole('checkbox', { name: 'Wednesday' }).uncheck();
    await form.getByText('Pick at least one weekday').waitFor();
    await days.getByRole('checkbox', { name: 'Monday' }).check();
    await days.getByRole('checkbox', { name: 'Wednesday' }).check();
    await form.getByRole('radio', { name: 'After' }).check();
    await form.getByLabel('Number of occurrences').fill('6');
    const preview = form.getByRole('region', { name: 'Next occurrences' });
    await expect.poll(() => preview.getByRole('listitem').count(), { timeout: 10_000 }).toBe(6);
    expect(await preview.getByRole('listitem').first().textContent()).toMatch(/Mon.*4.*2030.*9:00/);
    expect(await preview.getByRole('listitem').nth(1).textContent()).toMatch(/Wed.*6.*2030/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}/e2e-calendar-series-form.png`, fullPage: true });
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();

    // Month view: all six occurrences (Mondays and Wednesdays of 4–20 March).
    await page.goto(`${j.server.url}/calendar?view=month&date=${MONDAY}`);
    await page.getByRole('heading', { name: 'March 2030' }).waitFor();
    await expect.poll(() => page.locator('.calendar-grid [data-item-id]').count()).toBe(6);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}/e2e-calendar-month.png`, fullPage: true });

    // Week view: Monday and Wednesday, then drag Monday's to Tuesday, for this event only.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.waitForURL(/view=week/);
    const monday = occurrence(page, `${MONDAY}T09:00:00`);
    const wednesday = occurrence(page, '2030-03-06T09:00:00');
    // The grid re-renders when the week's data arrives: wait until both boxes are there and stay put.
    const boxes = async () => {
      for (;;) {
        await monday.waitFor();
        await wednesday.waitFor();
        const a = await monday.boundingBox();
        const b = await wednesday.boundingBox();
        await page.waitForTimeout(150);
        const a2 = await monday.boundingBox();
        if (a && b && a2 && a.x === a2.x && a.y === a2.y) return [a, b] as const;
      }
    };
    const [from, wed] = await boxes();
    const column = (wed.x - from.x) / 2;
    expect(column).toBeGreaterThan(50);
    const x = from.x + from.width / 2;
    const y = from.y + Math.min(12, from.height / 2);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + (column * i) / 10, y, { steps: 2 });
    await page.mouse.up();
    const scope = page.getByRole('dialog', { name: 'Change a repeating event' });
    await scope.waitFor();
    await page.screenshot({ path: `${artifacts}/e2e-calendar-scope-dialog.png`, fullPage: true });
    await scope.getByRole('button', { name: 'Only this event' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Moved “${TITLE}”` })
      .waitFor();

    // After a reload the moved occurrence is on Tuesday; the rest of the series has not moved.
    await page.reload();
    await monday.waitFor();
    await expect.poll(async () => monday.getAttribute('aria-label')).toMatch(/Tuesday, March 5, 2030/);
    expect(await wednesday.getAttribute('aria-label')).toMatch(/Wednesday, March 6, 2030/);
    const moved = (await monday.boundingBox())!;
    expect(Math.abs(moved.x - (from.x + column))).toBeLessThan(column / 3);
    await page.screenshot({ path: `${artifacts}/e2e-calendar-week-moved.png`, fullPage: true });

    // And so says the API, with this page's session.
    const res = await page.request.get(
      `${j.server.url}/api/v1/calendar?start=2030-03-01T00:00:00Z&end=2030-04-01T00:00:00Z&holidays=false`,
    );
    expect(res.status()).toBe(200);
    const feed = (await res.json()) as { occurrences: FeedOccurrence[] };
    const series = feed.occurrences.filter((o) => o.title === TITLE);
    expect(series.map((o) => [o.recurrenceId, o.start, o.isException])).toEqual([
      ['2030-03-04T09:00:00', '2030-03-05T01:00:00.000Z', true],
      ['2030-03-06T09:00:00', '2030-03-06T01:00:00.000Z', false],
      ['2030-03-11T09:00:00', '2030-03-11T01:00:00.000Z', false],
      ['2030-03-13T09:00:00', '2030-03-13T01:00:00.000Z', false],
      ['2030-03-18T09:00:00', '2030-03-18T01:00:00.000Z', false],
      ['2030-03-20T09:00:00', '2030-03-20T01:00:00.000Z', false],
    ]);
    expect(new Set(series.map((o) => o.itemId)).size).toBe(1);

    // The detail popover opens from the keyboard and gives the focus back to the event.
    await monday.focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('dialog', { name: TITLE });
    await details.waitFor();
    expect(await details.textContent()).toContain('Conference Room A');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-recurrence-id')))
      .toBe(`${MONDAY}T09:00:00`);
  });
});
