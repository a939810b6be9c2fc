/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The pragmas above make the JSX transform independent of the tsconfig found at run time.
import type { NotificationType } from '@kalendaryo/contract';
import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { render } from '@react-email/render';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { OutgoingMessage } from '../channel';

/**
 * One template per message type: the call to action and the fields of `data` worth a line of
 * their own. React escapes every text it renders, so an item titled `<script>` stays text.
 */
interface TypeTemplate {
  action: string;
  /** [label, data key]; `when` is the start–end span in the recipient's zone, instants likewise. */
  details: readonly (readonly [string, string])[];
}

const WHEN = ['When', 'when'] as const;
const WHERE = ['Where', 'location'] as const;
const RESOURCE = ['Resource', 'resourceName'] as const;
const REASON = ['Reason', 'reason'] as const;

const TEMPLATES: Record<NotificationType, TypeTemplate> = {
  'item.invited': { action: 'Open the invitation', details: [WHEN, WHERE, ['Organiser', 'organizerName']] },
  'item.changed': { action: 'See what changed', details: [['What changed', 'changes'], WHEN, WHERE] },
  'item.cancelled': { action: 'Open your calendar', details: [WHEN, WHERE, ['Cancelled by', 'cancelledBy']] },
  reminder: { action: 'Open the event', details: [WHEN, WHERE] },
  'rsvp.updated': {
    action: 'See the answers',
    details: [['Who', 'participantName'], ['Answer', 'response'], WHEN],
  },
  'booking.requested': {
    action: 'Review the request',
    details: [RESOURCE, WHEN, ['Purpose', 'purpose'], ['Requested by', 'requesterName']],
  },
  'booking.approved': { action: 'Open the booking', details: [RESOURCE, WHEN, ['Purpose', 'purpose']] },
  'booking.rejected': { action: 'Open the booking', details: [RESOURCE, WHEN, REASON] },
  'booking.conflict': { action: 'Book another time', details: [RESOURCE, WHEN] },
  'leave.requested': {
    action: 'Review the request',
    details: [['Who', 'requesterName'], ['Type', 'leaveType'], WHEN],
  },
  'leave.decided': { action: 'Open your leave', details: [['Decision', 'decision'], WHEN, REASON] },
  'task.assigned': {
    action: 'Open the task',
    details: [
      ['Due', 'start'],
      ['Assigned by', 'assignedByName'],
    ],
  },
  digest: { action: 'Open today’s calendar', details: [] },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isInstant = (v: unknown): v is string => typeof v === 'string' && ISO_INSTANT.test(v);

const dateTime = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });

/** A data value as a line of text: instants in the recipient's zone, lists joined, the rest as text. */
function shown(value: unknown, timeZone: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (isInstant(value)) return dateTime(timeZone).format(new Date(value));
  if (Array.isArray(value))
    return (
      value
        .map((v) => shown(v, timeZone))
        .filter(Boolean)
        .join(' ') || undefined
    );
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** The span of a timed item in the recipient's zone; the producer's own wording for dates and the rest. */
function whenOf(data: Record<string, unknown>, timeZone: string): string | undefined {
  const { start, end } = data;
  if (data.allDay !== true && isInstant(start)) {
    if (!isInstant(end)) return shown(start, timeZone);
    return dateTime(timeZone).formatRange(new Date(start), new Date(end));
  }
  return datesOf(start, end) ?? shown(data.when, timeZone) ?? shown(start, timeZone);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** An all-day span (`end` exclusive, RFC 5545) as "Tue, 8 Dec 2026" or "Tue, 8 – Thu, 10 Dec 2026". */
function datesOf(start: unknown, end: unknown): string | undefined {
  if (typeof start !== 'string' || !DATE.test(start)) return undefined;
  const first = new Date(`${start}T00:00:00Z`);
  const last =
    typeof end === 'string' && DATE.test(end) ? new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000) : first;
  return last > first ? dayFormat.formatRange(first, last) : dayFormat.format(first);
}

/** The digest's lists (`items`, `bookings`, decisions and invitations waiting) as titled sections. */
function digestSections(data: Record<string, unknown>) {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((l): l is string => typeof l === 'string') : [];
  const decisions = (data.pendingDecisions ?? {}) as { bookings?: unknown; leave?: unknown };
  const invitations = (data.invitations ?? {}) as { titles?: unknown };
  const count = (n: unknown, what: string) =>
    typeof n === 'number' && n > 0 ? [`${n} ${what}${n === 1 ? '' : 's'}`] : [];
  const waiting = [
    ...count(decisions.bookings, 'booking request'),
    ...count(decisions.leave, 'leave request'),
  ];
  return [
    { heading: 'Today', lines: strings(data.items) },
    { heading: 'Bookings going out or due back', lines: strings(data.bookings) },
    { heading: 'Waiting for your decision', lines: waiting },
    { heading: 'Invitations to answer', lines: strings(invitations.titles) },
  ].filter((s) => s.lines.length > 0);
}

const font = '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const styles = {
  body: { backgroundColor: '#f4f5f7', fontFamily: font, margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: 8, padding: '24px 32px', maxWidth: 560 },
  heading: { fontSize: 20, lineHeight: '28px', margin: '0 0 12px', color: '#111827' },
  text: { fontSize: 15, lineHeight: '22px', color: '#1f2937' },
  label: { fontSize: 13, color: '#6b7280', margin: '0' },
  value: { fontSize: 15, color: '#111827', margin: '0 0 8px' },
  button: {
    backgroundColor: '#1d4ed8',
    color: '#ffffff',
    borderRadius: 6,
    padding: '10px 18px',
    fontSize: 15,
  },
  footer: { fontSize: 12, color: '#6b7280', lineHeight: '18px' },
} as const;

function MessageEmail({ message }: { message: OutgoingMessage }) {
  const template = TEMPLATES[message.type];
  const zone = message.recipient.timeZone;
  const details = template.details.flatMap(([label, key]) => {
    const value = key === 'when' ? whenOf(message.data, zone) : shown(message.data[key], zone);
    return value ? [{ label, value }] : [];
  });
  const sections = message.type === 'digest' ? digestSections(message.data) : [];
  return (
    <Html lang="en">
      <Head />
      <Preview>{message.body}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {message.title}
          </Heading>
          {sections.length === 0 && <Text style={styles.text}>{message.body}</Text>}
          {details.length > 0 && (
            <Section>
              {details.map((d) => (
                <div key={d.label}>
                  <Text style={styles.label}>{d.label}</Text>
                  <Text style={styles.value}>{d.value}</Text>
                </div>
              ))}
            </Section>
          )}
          {sections.map((s) => (
            <Section key={s.heading}>
              <Heading as="h2" style={{ ...styles.heading, fontSize: 16 }}>
                {s.heading}
              </Heading>
              {s.lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are static text and may repeat
                <Text key={i} style={{ ...styles.text, margin: '0 0 4px' }}>
                  {line}
                </Text>
              ))}
            </Section>
          ))}
          <Section style={{ margin: '16px 0' }}>
            <Button href={message.link} style={styles.button}>
              {template.action}
            </Button>
          </Section>
          <Hr />
          <Text style={styles.footer}>
            Sent by Kalendaryo to {message.recipient.name}. Choose which messages reach you by email in{' '}
            <Link href={preferencesLink(message.link)}>your notification settings</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The preferences page on the same site as the message's link. */
function preferencesLink(link: string): string {
  try {
    return new URL('/settings/notifications', link).toString();
  } catch {
    return link;
  }
}

/** The HTML and plain-text bodies of a message, from its type's template. */
export async function renderEmail(message: OutgoingMessage): Promise<{ html: string; text: string }> {
  const element = <MessageEmail message={message} />;
  const html = await render(element);
  const text = await render(element, {
    plainText: true,
    htmlToTextOptions: {
      selectors: [
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
      ],
    },
  });
  return { html, text };
}
