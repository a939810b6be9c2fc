import { spawnSync } from 'node:child_process';
import { notificationTypes } from '@kalendaryo/contract';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCert, startTestSmtp, type TestSmtp } from '../../../test/smtp';
import { type Channel, PermanentSendError } from '../channel';
import { icalData, outgoing } from './channels.fixtures';
import { emailChannel } from './email';

/** The text/calendar alternative of a mail: its METHOD parameter and the parsed VCALENDAR. */
function calendarPart(mail: ParsedMail, raw: string) {
  const match = /Content-Type: text\/calendar; charset=utf-8; method=(\w+)/i.exec(raw);
  const attachment = mail.attachments.find((a) => a.contentType === 'text/calendar');
  const ics = attachment?.content.toString('utf8') ?? '';
  return { method: match?.[1], calendar: new ICAL.Component(ICAL.parse(ics)) };
}

const cert = selfSignedCert();
const pythonIcalendar =
  spawnSync('/usr/bin/python3', ['-c', 'import icalendar'], { stdio: 'ignore' }).status === 0;

/** METHOD, UID, SEQUENCE and the start instant as python-icalendar (an independent reader) sees them. */
function readWithPython(ics: string) {
  const script = [
    'import icalendar, json, sys',
    'cal = icalendar.Calendar.from_ical(sys.stdin.read())',
    "ev = next(c for c in cal.walk('VEVENT'))",
    "print(json.dumps({'method': str(cal['METHOD']), 'uid': str(ev['UID']), 'sequence': int(ev['SEQUENCE']),",
    "  'start': ev.decoded('DTSTART').astimezone(__import__('datetime').timezone.utc).isoformat(),",
    "  'status': str(ev['STATUS'])}))",
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: ics, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}
const opened: { smtp: TestSmtp; channel: Channel }[] = [];

async function setUp(tls: 'none' | 'starttls' | 'implicit', users?: Record<string, string>) {
  const smtp = await startTestSmtp({ tls, ...(cert ? { cert } : {}), ...(users ? { users } : {}) });
  const auth = users ? `${Object.keys(users)[0]}:${encodeURIComponent(Object.values(users)[0] ?? '')}@` : '';
  const channel = emailChannel({
    url: `${tls === 'implicit' ? 'smtps' : 'smtp'}://${auth}127.0.0.1:${smtp.port}`,
    from: 'Kalendaryo <calendar@oobc.example>',
    ...(cert ? { tls: { ca: cert.cert, servername: 'localhost' } } : {}),
  });
  opened.push({ smtp, channel });
  return { smtp, channel };
}

afterEach(async () => {
  for (const { smtp, channel } of opened.splice(0)) {
    await channel.close?.();
    await smtp.close();
  }
});

describe('email channel over plain SMTP', () => {
  it('sends an invitation as HTML, text and an iTIP REQUEST with the item’s UID and SEQUENCE', async () => {
    const { smtp, channel } = await setUp('none');
    const message = outgoing({
      type: 'item.invited',
      title: 'Invitation: Budget review',
      body: 'Director Ali invites you to Budget review on Tue 8 Dec at 09:00.',
      data: {
        start: '2026-12-08T01:00:00Z',
        end: '2026-12-08T02:00:00Z',
        location: 'Conference Room',
        organizerName: 'Director Ali',
        ical: icalData(),
      },
    });
    await channel.send(message);
    const [mail] = await smtp.waitFor(1);
    const parsed = mail!.parsed;
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.subject).toBe('Invitation: Budget review');
    expect(parsed.from?.text).toContain('calendar@oobc.example');
    expect(mail!.recipients).toEqual(['amina@oobc.example']);
    expect(parsed.html).toContain('Invitation: Budget review');
    expect(parsed.html).toContain('href="https://kalendaryo.example/calendar?item=1"');
    expect(parsed.text).toContain('https://kalendaryo.example/calendar?item=1');
    expect(parsed.text).toContain('Conference Room');
    // Times are shown in the recipient's zone (Manila, UTC+8).
    expect(parsed.text).toContain('Tue, 8 Dec 2026, 09:00–10:00 GMT+8');
    expect(parsed.text).toContain('Director Ali');

    const { method, calendar } = calendarPart(parsed, mail!.raw);
    expect(method).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe('c0ffee00-0000-4000-8000-000000000001@kalendaryo');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('summary')).toBe('Budget review');
    const attendees = event.getAllProperties('attendee').map((p) => p.getFirstValue());
    expect(attendees).toContain('mailto:amina@oobc.example');
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const start = new ICAL.Event(event).startDate;
    expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Manila');
    expect(start.toJSDate().toISOString()).toBe('2026-12-08T01:00:00.000Z');
    ICAL.TimezoneService.reset();
  });

  it.skipIf(!pythonIcalendar)('writes an iTIP part python-icalendar reads the same way', async () => {
    const { smtp, channel } = await setUp('none');
    const ical = icalData({
      timeZone: 'America/New_York',
      start: '2026-11-02T14:00:00Z',
      end: '2026-11-02T15:00:00Z',
    });
    await channel.send(outgoing({ type: 'item.invited', data: { ical } }));
    await channel.send(
      outgoing({ type: 'item.cancelled', data: { ical: { ...ical, method: 'CANCEL', sequence: 5 } } }),
    );
    const mails = await smtp.waitFor(2);
    const ics = mails.map((m) =>
      m.parsed.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString(),
    );
    expect(readWithPython(ics[0]!)).toEqual({
      method: 'REQUEST',
      uid: ical.uid,
      sequence: 3,
      start: '2026-11-02T14:00:00+00:00',
      status: 'CONFIRMED',
    });
    expect(readWithPython(ics[1]!)).toMatchObject({ method: 'CANCEL', sequence: 5, status: 'CANCELLED' });
  });

  it('sends a cancellation as METHOD:CANCEL with STATUS:CANCELLED', async () => {
    const { smtp, channel } = await setUp('none');
    await channel.send(
      outgoing({
        type: 'item.cancelled',
        title: 'Cancelled: Budget review',
        data: { ical: icalData({ method: 'CANCEL', sequence: 4 }) },
      }),
    );
    const [mail] = await smtp.waitFor(1);
    const { method, calendar } = calendarPart(mail!.parsed, mail!.raw);
    expect(method).toBe('CANCEL');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
  });

  it('keeps a weekly series at its wall time across a DST change (VTIMEZONE with the transitions)', async () => {
    const { smtp, channel } = await setUp('none');
    const ical = icalData({
      start: '2026-10-19T13:00:00Z', // Monday 09:00 in New York (EDT)
      end: '2026-10-19T14:00:00Z',
      timeZone: 'America/New_York',
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    await channel.send(outgoing({ type: 'item.changed', title: 'Changed: Budget review', data: { ical } }));
    const [mail] = await smtp.waitFor(1);
    const { calendar } = calendarPart(mail!.parsed, mail!.raw);
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const iterator = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).iterator();
    const starts: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate().toISOString());
    ICAL.TimezoneService.reset();
    // 1 Nov 2026 is the fall-back: the 3rd occurrence is still 09:00 local, now 14:00 UTC.
    expect(starts).toEqual([
      '2026-10-19T13:00:00.000Z',
      '2026-10-26T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      '2026-11-09T14:00:00.000Z',
    ]);
  });

  it('renders every message type with its title and link, and keeps markup in titles as text', async () => {
    const { smtp, channel } = await setUp('none');
    for (const type of notificationTypes) {
      await channel.send(
        outgoing({
          type,
          title: `<script>alert(1)</script> ${type}`,
          body: 'Body with <b>tags</b> & ampersands',
          link: `https://kalendaryo.example/x?type=${type}`,
          data: {
            resourceName: '<img src=x onerror=alert(1)>',
            reason: 'Van 1 is in repair',
            start: '2026-12-08T01:00:00Z',
          },
        }),
      );
    }
    const mails = await smtp.waitFor(notificationTypes.length);
    for (const [i, type] of notificationTypes.entries()) {
      const parsed = mails[i]!.parsed;
      expect(parsed.subject).toBe(`<script>alert(1)</script> ${type}`);
      expect(parsed.html).toContain(`&lt;script&gt;alert(1)&lt;/script&gt; ${type}`);
      expect(parsed.html).not.toContain('<script');
      expect(parsed.html).not.toContain('<img src=x');
      expect(parsed.html).not.toContain('<b>tags');
      expect(parsed.html).toContain(`href="https://kalendaryo.example/x?type=${type}"`);
      expect(parsed.text).toContain(`<script>alert(1)</script> ${type}`);
      expect(parsed.text).toContain(`https://kalendaryo.example/x?type=${type}`);
      expect(parsed.attachments.filter((a) => a.contentType === 'text/calendar')).toEqual([]);
    }
    expect(mails[notificationTypes.indexOf('booking.rejected')]!.parsed.text).toContain('Van 1 is in repair');
  });

  it('shows an all-day item by its dates, the end being exclusive', async () => {
    const { smtp, channel } = await setUp('none');
    await channel.send(
      outgoing({ type: 'reminder', data: { allDay: true, start: '2026-12-08', end: '2026-12-11' } }),
    );
    await channel.send(
      outgoing({ type: 'reminder', data: { allDay: true, start: '2026-12-08', end: '2026-12-09' } }),
    );
    const [several, one] = await smtp.waitFor(2);
    expect(several!.parsed.text?.replace(/\s+/g, ' ')).toContain('Tue, 8 Dec – Thu, 10 Dec 2026');
    expect(one!.parsed.text).toContain('Tue, 8 Dec 2026');
  });

  it('lays the daily digest out in sections', async () => {
    const { smtp, channel } = await setUp('none');
    await channel.send(
      outgoing({
        type: 'digest',
        title: 'Your day, Tuesday: 2 items, 1 decision',
        body: 'Today: 09:00 Staff meeting; 14:00 Site visit.',
        data: {
          date: '2026-12-08',
          items: ['09:00 Staff meeting', '14:00 Site visit <Cotabato>'],
          bookings: ['Van 1 goes out at 08:30'],
          pendingDecisions: { bookings: 1, leave: 0 },
          invitations: { count: 1, titles: ['Budget review'] },
        },
      }),
    );
    const [mail] = await smtp.waitFor(1);
    const text = mail!.parsed.text ?? '';
    for (const line of [
      'Today',
      '09:00 Staff meeting',
      '14:00 Site visit <Cotabato>',
      'Van 1 goes out at 08:30',
      'Waiting for your decision',
      '1 booking request',
      'Invitations to answer',
      'Budget review',
    ])
      expect(text).toContain(line);
    expect(mail!.parsed.html).toContain('14:00 Site visit &lt;Cotabato&gt;');
  });

  it('reports ok to the health check, and an error once the server is gone', async () => {
    const { smtp, channel } = await setUp('none');
    expect(await channel.health?.()).toBe('ok');
    await smtp.close();
    const down = emailChannel({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'k@oobc.example' });
    expect(await down.health?.()).toMatch(/^error: /);
    await down.close?.();
  });
});

describe('email channel failures', () => {
  it('is off without SMTP settings', async () => {
    const off = emailChannel(undefined);
    expect(off.configured).toBe(false);
    expect(await off.health?.()).toBe('off');
  });

  it('fails permanently when the server refuses the recipient (5xx) and transiently when it is unreachable', async () => {
    const smtp = await startTestSmtp({
      refuse: (a) => (a.startsWith('gone@') ? { code: 550, message: 'No such user' } : undefined),
    });
    const channel = emailChannel({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'k@oobc.example' });
    opened.push({ smtp, channel });
    const refused = outgoing({ recipient: { ...outgoing().recipient, email: 'gone@oobc.example' } });
    await expect(channel.send(refused)).rejects.toBeInstanceOf(PermanentSendError);

    const closed = await startTestSmtp();
    await closed.close();
    const unreachable = emailChannel({ url: `smtp://127.0.0.1:${closed.port}`, from: 'k@oobc.example' });
    const error = await unreachable.send(outgoing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    await unreachable.close?.();
  });

  it('treats a refused login as transient (fixing the password makes a retry succeed)', async () => {
    const { channel } = await setUp('none', { kal: 'right' });
    const wrong = emailChannel({
      url: `smtp://kal:wrong@127.0.0.1:${opened[0]!.smtp.port}`,
      from: 'k@oobc.example',
    });
    const error = await wrong.send(outgoing()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    await wrong.close?.();
    await channel.send(outgoing());
  });
});

describe.skipIf(!cert)('email channel over TLS (self-signed certificate made with openssl)', () => {
  it('upgrades with STARTTLS when the server offers it, then authenticates', async () => {
    const { smtp, channel } = await setUp('starttls', { kal: 'p@ss word' });
    await channel.send(outgoing({ title: 'Over STARTTLS' }));
    const [mail] = await smtp.waitFor(1);
    expect(mail!.secure).toBe(true);
    expect(mail!.user).toBe('kal');
    expect(mail!.parsed.subject).toBe('Over STARTTLS');
  });

  it('speaks TLS from the first byte with smtps://', async () => {
    const { smtp, channel } = await setUp('implicit');
    await channel.send(outgoing({ title: 'Over implicit TLS' }));
    const [mail] = await smtp.waitFor(1);
    expect(mail!.secure).toBe(true);
    expect(mail!.parsed.subject).toBe('Over implicit TLS');
  });
});
