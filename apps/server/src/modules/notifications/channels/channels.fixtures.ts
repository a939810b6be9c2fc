import { randomUUID } from 'node:crypto';
import type { NotificationType } from '@kalendaryo/contract';
import type { OutgoingMessage } from '../channel';

/** An outgoing message as the worker hands it over, with `over` replacing any field. */
export function outgoing(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const deliveryId = randomUUID();
  return {
    deliveryId,
    notificationId: randomUUID(),
    type: 'reminder' as NotificationType,
    title: 'Staff meeting in 15 minutes',
    body: 'Staff meeting starts at 09:00 in the Conference Room.',
    link: 'https://kalendaryo.example/calendar?item=1',
    data: {},
    recipient: {
      id: randomUUID(),
      name: 'Amina Santos',
      email: 'amina@oobc.example',
      phone: '+639171234567',
      timeZone: 'Asia/Manila',
    },
    pushTargets: [],
    messageId: `<${deliveryId}@kalendaryo.example>`,
    ...over,
  };
}

/** `data.ical` of an item message, as the producers write it. */
export function icalData(over: Record<string, unknown> = {}) {
  return {
    uid: 'c0ffee00-0000-4000-8000-000000000001@kalendaryo',
    sequence: 3,
    method: 'REQUEST',
    start: '2026-12-08T01:00:00Z',
    end: '2026-12-08T02:00:00Z',
    allDay: false,
    timeZone: 'Asia/Manila',
    summary: 'Budget review',
    location: 'Conference Room',
    description: 'Quarterly figures',
    organizer: { name: 'Director Ali', email: 'director@oobc.example' },
    attendees: [
      { name: 'Director Ali', email: 'director@oobc.example', partstat: 'ACCEPTED' },
      { name: 'Amina Santos', email: 'amina@oobc.example', partstat: 'NEEDS-ACTION' },
    ],
    status: 'CONFIRMED',
    ...over,
  };
}
