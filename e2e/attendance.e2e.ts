import { describe, expect, it } from 'vitest';
import { artifacts, call, hasChromium, seriousViolations, signIn, useJourney } from './support';

const ADMIN = { email: 'admin@oobc.example', password: 'admin password 1' };
const STAFF = { name: 'Norhana Ali', email: 'norhana.ali@oobc.example', password: 'norhana password 1' };
const TITLE = 'Dialogue with the Teduray elders';
const GUEST = { name: 'Datu Mangelen Sinsuat', organisation: 'Teduray Justice and Governance' };

const MIN = 60_000;
const onMinute = (ms: number) => new Date(Math.floor((Date.now() + ms) / MIN) * MIN).toISOString();
/** The date in Manila of an instant: which day the calendar shows it on. */
const manilaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

interface ReportRow {
  name: string;
  status: string;
  method: string | null;
  rsvp: string | null;
}

describe.skipIf(!hasChromium)('browser journey: participants, a QR check-in and the report', () => {
  const j = useJourney({
    KALENDARYO_ADMIN_EMAIL: ADMIN.email,
    KALENDARYO_ADMIN_PASSWORD: ADMIN.password,
  });

  it('the organiser shows the event code, a staff participant checks in with it, the report says qr_code', async () => {
    const admin = (await call<{ token: string }>(j.server.url, null, 'POST', '/auth/login', ADMIN)).token;
    const staff = await call<{ id: string }>(j.server.url, admin, 'POST', '/users', {
      ...STAFF,
      role: 'staff',
    });
    // The event runs now, so its check-in code is valid.
    const start = onMinute(-20 * MIN);
    const item = await call<{ id: string }>(j.server.url, admin, 'POST', '/items', {
      kind: 'event',
      title: TITLE,
      start,
      end: onMinute(100 * MIN),
      timeZone: 'Asia/Manila',
      location: 'Upi, Maguindanao del Norte',
    });
    await call(j.server.url, admin, 'POST', `/items/${item.id}/participants`, { userId: staff.id });

    // 1. The organiser opens the event from the calendar and reaches its participants.
    const organiser = await (
      await j.browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await signIn(organiser, j.server.url, ADMIN);
    await organiser.goto(`${j.server.url}/calendar?view=day&date=${manilaDate(start)}`);
    await organiser.locator(`.calendar-grid [data-item-id="${item.id}"]`).first().click();
    await organiser.getByRole('dialog', { name: TITLE }).getByRole('link', { name: 'Participants' }).click();
    await organiser.getByRole('heading', { name: /Participants/, level: 1 }).waitFor();
    await organiser.getByRole('row', { name: new RegExp(STAFF.name) }).waitFor();

    // A guest is added by hand.
    const guestForm = organiser.getByRole('form', { name: 'Add a guest' });
    await guestForm.getByLabel('Guest name').fill(GUEST.name);
    await guestForm.getByLabel('Organisation').fill(GUEST.organisation);
    await guestForm.getByRole('button', { name: 'Add guest' }).click();
    await organiser
      .getByRole('status')
      .filter({ hasText: `Invited ${GUEST.name}.` })
      .waitFor();
    await organiser.getByRole('row', { name: new RegExp(GUEST.name) }).waitFor();
    expect(await seriousViolations(organiser)).toEqual([]);
    await organiser.screenshot({ path: `${artifacts}/e2e-attendance-participants.png`, fullPage: true });

    // 2. The check-in screen shows the event's QR code and its expiry.
    await organiser
      .getByRole('navigation', { name: 'Attendance views' })
      .getByRole('link', { name: 'Check-in' })
      .click();
    await organiser.getByRole('img', { name: `Check-in code for ${TITLE}` }).waitFor();
    await organiser.getByText(/Valid from .* until/).waitFor();
    const href = await organiser.getByRole('link', { name: 'the check-in link' }).getAttribute('href');
    expect(href).toMatch(/\/check-in\?token=/);
    expect(await seriousViolations(organiser)).toEqual([]);
    await organiser.screenshot({ path: `${artifacts}/e2e-attendance-code.png`, fullPage: true });

    // 3. The participant, signed in on their phone, answers Going and opens the scanned link.
    const phone = await (await j.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(phone, j.server.url, STAFF);
    await phone.goto(`${j.server.url}/calendar/items/${item.id}/participants`);
    await phone.getByRole('button', { name: 'Going' }).click();
    await phone.getByRole('status').filter({ hasText: 'Your answer: Going.' }).waitFor();
    await phone.goto(href!);
    // Opening the link checks nobody in: the page names the event and its time and asks first.
    const ask = phone.getByRole('button', { name: 'Check me in' });
    await ask.waitFor();
    await phone.getByText(/Check in to/).waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await ask.click();
    const confirmation = phone.getByRole('status').filter({ hasText: 'You are checked in' });
    await confirmation.waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${artifacts}/e2e-attendance-checked-in.png`, fullPage: true });

    // 4. The organiser scans the guest's badge (typed here, as a hardware scanner would).
    const participants = await call<{ items: { id: string; name: string }[] }>(
      j.server.url,
      admin,
      'GET',
      `/items/${item.id}/participants`,
    );
    const guest = participants.items.find((p) => p.name === GUEST.name)!;
    const badge = await call<{ url: string }>(
      j.server.url,
      admin,
      'GET',
      `/items/${item.id}/participants/${guest.id}/code`,
    );
    await organiser.getByLabel('Code or check-in link').fill(badge.url);
    await organiser
      .getByRole('form', { name: 'Enter a code' })
      .getByRole('button', { name: 'Check in' })
      .click();
    await organiser.getByRole('list', { name: 'Scans' }).getByText(`Checked in ${GUEST.name}`).waitFor();
    await organiser.getByText('No scans waiting to be sent.').waitFor();

    // 5. The report shows both checked in by QR code.
    await organiser
      .getByRole('navigation', { name: 'Attendance views' })
      .getByRole('link', { name: 'Report' })
      .click();
    const row = organiser.getByRole('row', { name: new RegExp(STAFF.name) });
    await row.getByRole('cell', { name: 'Checked in', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'QR code', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Going', exact: true }).waitFor();
    expect(await organiser.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain(
      'format=csv',
    );
    expect(await seriousViolations(organiser)).toEqual([]);
    await organiser.screenshot({ path: `${artifacts}/e2e-attendance-report.png`, fullPage: true });

    const report = await call<{ rows: ReportRow[]; totals: { checkedIn: number } }>(
      j.server.url,
      admin,
      'GET',
      `/items/${item.id}/attendance`,
    );
    expect(report.rows.find((r) => r.name === STAFF.name)).toMatchObject({
      status: 'checked_in',
      method: 'qr_code',
      rsvp: 'going',
    });
    expect(report.rows.find((r) => r.name === GUEST.name)).toMatchObject({
      status: 'checked_in',
      method: 'qr_code',
    });
    expect(report.totals.checkedIn).toBe(2);

    // 6. The summary across events draws the rate by kind with its numbers.
    await organiser
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Attendance' })
      .click();
    await organiser.getByRole('heading', { name: 'Attendance rate by kind of event' }).waitFor();
    await organiser.getByText('100% (2 of 2)').first().waitFor();
    expect(await seriousViolations(organiser)).toEqual([]);
    await organiser.screenshot({ path: `${artifacts}/e2e-attendance-summary.png`, fullPage: true });
  });
});
