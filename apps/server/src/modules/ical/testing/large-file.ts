/**
 * A large calendar file as Google writes one: `events` VEVENTs in Asia/Manila over 2026, one in
 * ten a weekly series of ten with an EXDATE, one in five with an organiser and two guests.
 */
export function largeCalendar(events: number): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Big office calendar',
    'X-WR-TIMEZONE:Asia/Manila',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < events; i++) {
    const day = new Date(Date.UTC(2026, 0, 1 + (i % 360)));
    const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    const hour = 8 + (i % 9);
    lines.push(
      'BEGIN:VEVENT',
      `DTSTART;TZID=Asia/Manila:${date}T${pad(hour)}0000`,
      `DTEND;TZID=Asia/Manila:${date}T${pad(hour + 1)}0000`,
      'DTSTAMP:20260101T000000Z',
      `UID:bulk-${i}-${(i * 2654435761) % 4294967296}@google.com`,
      `SUMMARY:Meeting number ${i} – planning and coordination`,
      `DESCRIPTION:Generated event ${i}\\nwith a second line`,
      'LOCATION:Cotabato City',
      'STATUS:CONFIRMED',
      'SEQUENCE:0',
    );
    if (i % 10 === 0)
      lines.push('RRULE:FREQ=WEEKLY;COUNT=10', `EXDATE;TZID=Asia/Manila:${date}T${pad(hour)}0000`);
    if (i % 5 === 0)
      lines.push(
        'ORGANIZER;CN=Office Lead:mailto:lead@partner.example',
        `ATTENDEE;CN=Guest ${i % 50};PARTSTAT=NEEDS-ACTION:mailto:guest${i % 50}@partner.example`,
        'ATTENDEE;CN=Office Lead;PARTSTAT=ACCEPTED:mailto:lead@partner.example',
      );
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
