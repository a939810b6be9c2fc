import type { CalendarFeed } from '@kalendaryo/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api';
import { CopyField } from './copy-field';
import { feedQuery, makeFeed, revokeFeed } from './sharing-api';

/** The QR code of a URL as an image, so a phone can subscribe by pointing its camera. */
function QrImage({ text }: { text: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 180 }).then(
      (url) => live && setSrc(url),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img src={src} width={180} height={180} alt="QR code of the subscription link" /> : null;
}

/**
 * The user's own subscription feed of a calendar: a secret webcal:// link that phone and desktop
 * calendars poll. The link is shown once, when made; later only a new one can be made.
 */
export function SubscribePanel({ calendarId }: { calendarId: string }) {
  const client = useQueryClient();
  const feed = useQuery(feedQuery(calendarId));
  const [made, setMade] = useState<CalendarFeed | null>(null);
  const make = useMutation({
    mutationFn: () => makeFeed(calendarId),
    onSuccess: (f) => {
      setMade(f);
      client.setQueryData(feedQuery(calendarId).queryKey, f);
    },
  });
  const stop = useMutation({
    mutationFn: () => revokeFeed(calendarId),
    onSuccess: () => {
      setMade(null);
      client.setQueryData(feedQuery(calendarId).queryKey, null);
    },
  });
  const has = feed.data !== null && feed.data !== undefined;
  return (
    <section aria-labelledby={`subscribe-${calendarId}`} className="share-section">
      <h3 id={`subscribe-${calendarId}`}>Subscribe</h3>
      <p className="field-hint">
        Add this calendar to Google Calendar, Outlook, Apple Calendar or Thunderbird. The link is secret:
        anyone who has it sees what you see.
      </p>
      {made?.webcalUrl && made.url ? (
        <div className="subscribe-link">
          <CopyField label="Subscription link" value={made.webcalUrl} />
          <CopyField label="Or, for Google Calendar (From URL)" value={made.url} />
          <QrImage text={made.webcalUrl} />
        </div>
      ) : has ? (
        <p>You have a subscription link (made {new Date(feed.data!.createdAt).toLocaleDateString()}).</p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => make.mutate()} disabled={make.isPending}>
          {has ? 'Make a new link' : 'Make a subscription link'}
        </button>
        {has ? (
          <button
            type="button"
            className="button button--danger-ghost button--small"
            onClick={() => stop.mutate()}
            disabled={stop.isPending}
          >
            Turn off the link
          </button>
        ) : null}
      </div>
      {make.error || stop.error ? <p role="alert">{errorMessage(make.error ?? stop.error)}</p> : null}
    </section>
  );
}
