import { describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const CALENDAR = 'Partner meetings';
const TITLE = 'Coordination with the partner NGO';

/** A small Google-style export with today's event in it, so the month view shows it. */
function partnerFile(today: string): string {
  const day = today.replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    `DTSTART:${day}T030000Z`,
    `DTEND:${day}T040000Z`,
    'DTSTAMP:20260101T000000Z',
    'UID:e2e-partner-1@google.com',
    `SUMMARY:${TITLE}`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    `DTSTART:${day}T050000Z`,
    'RRULE:FREQ=MONTHLY;RSCALE=HEBREW',
    'DTSTAMP:20260101T000000Z',
    'UID:e2e-hebrew@google.com',
    'SUMMARY:Not for us',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe.skipIf(!hasChromium)('browser journey: importing a calendar file', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });

  it('previews the file, imports it on confirmation and shows its event on the calendar', async () => {
    const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
    await call(j.server.url, admin, 'POST', '/calendars', { name: CALENDAR });
    const page = await (await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(page, j.server.url, ADMIN);

    await page.getByRole('button', { name: `Import into ${CALENDAR}` }).click();
    const dialog = page.getByRole('dialog', { name: `Import into “${CALENDAR}”` });
    await dialog.getByLabel(/Calendar file/).setInputFiles({
      name: 'partner.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from(partnerFile(new Date().toISOString().slice(0, 10))),
    });
    await dialog.getByText(/This file will add/).waitFor();
    expect(await dialog.getByText('1 new item').count()).toBe(1);
    expect(await dialog.getByText(/RSCALE/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}/e2e-import-preview.png`, fullPage: true });

    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByText(/^Added/).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByText(TITLE).first().waitFor();
  });
});
