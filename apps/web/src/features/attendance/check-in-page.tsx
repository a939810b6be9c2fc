import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { FormMessage, type Notice, type Tone } from '../../app/ui/alert';
import { useDocumentTitle } from '../../app/use-document-title';
import {
  checkIn,
  eventCodeQuery,
  participantsKey,
  participantsQuery,
  setWalkIns,
  walkInsQuery,
} from './attendance-api';
import { ItemAttendanceHeader, useItemTarget } from './item-attendance';
import { makeScan, type ScanMethod, tokenFromScan } from './offline-queue';
import { hasCamera, hasNfc, readNfc, startCamera } from './scanner';
import { isRetryable, useOfflineQueue } from './use-offline-queue';

/** The organiser's switch: may people who were not invited check in with the event code? */
function WalkIns({ itemId }: { itemId: string }) {
  const queryClient = useQueryClient();
  const settings = useQuery(walkInsQuery(itemId));
  const change = useMutation({
    mutationFn: (allow: boolean) => setWalkIns(itemId, allow),
    onSuccess: (data) => queryClient.setQueryData(walkInsQuery(itemId).queryKey, data),
  });
  return (
    <div className="walk-ins">
      <label>
        <input
          type="checkbox"
          checked={settings.data?.allowWalkIns ?? false}
          disabled={!settings.data || change.isPending}
          onChange={(e) => change.mutate(e.currentTarget.checked)}
        />{' '}
        Allow walk-ins (people not invited are added when they scan the code)
      </label>
      {change.isError ? <FormMessage tone="error">{errorMessage(change.error)}</FormMessage> : null}
    </div>
  );
}

/** The organiser's check-in screen: the event's QR code to display, and a scanner for personal codes. */
export function CheckInPage() {
  useDocumentTitle('Check-in');
  const { id, occurrence, item, suffix } = useItemTarget();
  const code = useQuery({
    ...eventCodeQuery(id, occurrence),
    // A fresh code shortly before this one expires.
    refetchInterval: (q) => {
      const expires = q.state.data ? Date.parse(q.state.data.expiresAt) : Number.NaN;
      return Number.isNaN(expires) ? false : Math.max(30_000, expires - Date.now() - 60_000);
    },
  });
  const title = item.data?.title ?? '';
  return (
    <section className="attendance-page">
      <ItemAttendanceHeader title="Check-in" />
      <div className="checkin-grid">
        <section className="panel checkin-code" aria-labelledby="code-heading">
          <h2 id="code-heading">Scan to check in</h2>
          {code.isError ? <FormMessage tone="error">{errorMessage(code.error)}</FormMessage> : null}
          {code.isPending ? <p role="status">Preparing the code…</p> : null}
          {code.data ? (
            <>
              <div
                className="qr-big"
                role="img"
                aria-label={`Check-in code for ${title}`}
                // The SVG is drawn by the server's QR encoder from the check-in URL.
                // biome-ignore lint/security/noDangerouslySetInnerHtml: server-made QR SVG
                dangerouslySetInnerHTML={{ __html: code.data.qrSvg }}
              />
              <p>
                Participants scan this with their phone, or open{' '}
                <a href={code.data.url} className="code-url">
                  the check-in link
                </a>
                .
              </p>
              <p className="cell-note">
                Valid from {formatDateTime(code.data.notBefore)} until{' '}
                <strong>{formatDateTime(code.data.expiresAt)}</strong>
              </p>
            </>
          ) : null}
          <WalkIns itemId={id} />
          <p>
            <Link className="button" to={`/calendar/items/${id}/badges${suffix}`}>
              Print badges
            </Link>
          </p>
        </section>
        <Scanner itemId={id} occurrence={occurrence} />
      </div>
    </section>
  );
}

function Scanner({ itemId, occurrence }: { itemId: string; occurrence: string | null }) {
  const queryClient = useQueryClient();
  const participants = useQuery(participantsQuery(itemId, occurrence));
  const [log, setLog] = useState<Notice[]>([]);
  const say = useCallback(
    (text: string, tone: Tone) => setLog((l) => [{ tone, text }, ...l].slice(0, 8)),
    [],
  );
  const queue = useOfflineQueue(say);
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<(() => void) | null>(null);
  const [nfc, setNfc] = useState<AbortController | null>(null);

  const nameOf = (participantId: string) =>
    participants.data?.items.find((p) => p.id === participantId)?.name ?? 'the participant';

  const scan = useMutation({
    mutationFn: ({ token, method }: { token: string; method: ScanMethod }) =>
      checkIn({ token, method, itemId }),
    onSuccess: (state) => {
      say(`Checked in ${nameOf(state.participantId)} at ${formatDateTime(state.checkedInAt)}.`, 'success');
      void queryClient.invalidateQueries({ queryKey: participantsKey(itemId) });
      void queryClient.invalidateQueries({ queryKey: ['attendance-report', itemId] });
    },
    onError: (e, { token, method }) => {
      if (isRetryable(e)) {
        queue.add(makeScan(token, method, itemId, new Date()));
        say('No connection: the scan is saved and will be sent when back online.', 'success');
      } else say(`Not checked in: ${errorMessage(e)}`, 'error');
    },
  });
  const scanRef = useRef(scan.mutate);
  scanRef.current = scan.mutate;

  const onText = useCallback(
    (text: string, method: ScanMethod) => {
      const token = tokenFromScan(text);
      if (!token) {
        say('That is not a Kalendaryo check-in code.', 'error');
        return;
      }
      if (!navigator.onLine) {
        queue.add(makeScan(token, method, itemId, new Date()));
        say('Offline: the scan is saved with its time and will be sent when back online.', 'success');
        return;
      }
      scanRef.current({ token, method });
    },
    [itemId, queue.add, say],
  );

  useEffect(() => () => camera?.(), [camera]);
  useEffect(() => () => nfc?.abort(), [nfc]);

  const toggleCamera = async () => {
    if (camera) {
      camera();
      setCamera(null);
      return;
    }
    if (!video.current) return;
    try {
      const stop = await startCamera(video.current, (t) => onText(t, 'qr_code'));
      setCamera(() => stop);
    } catch {
      say('The camera could not be opened. Allow camera access, or type the code below.', 'error');
    }
  };

  const toggleNfc = async () => {
    if (nfc) {
      nfc.abort();
      setNfc(null);
      return;
    }
    const controller = new AbortController();
    try {
      await readNfc(
        controller.signal,
        (t) => onText(t, 'nfc'),
        () => say('That NFC tag could not be read.', 'error'),
      );
      setNfc(controller);
      say('Hold a badge’s NFC tag to the back of the phone.', 'success');
    } catch {
      say('NFC could not be started. Allow NFC for this site.', 'error');
    }
  };

  const typed = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const value = String(new FormData(form).get('code') ?? '');
    onText(value, 'qr_code');
    form.reset();
  };

  return (
    <section className="panel" aria-labelledby="scanner-heading">
      <h2 id="scanner-heading">Scan badges</h2>
      <p className="cell-note">Scan a participant’s personal code to check them in.</p>
      <div className="button-group">
        {hasCamera() ? (
          <button type="button" className="button button--primary" onClick={() => void toggleCamera()}>
            {camera ? 'Stop camera' : 'Scan with camera'}
          </button>
        ) : null}
        {hasNfc() ? (
          <button type="button" className="button" onClick={() => void toggleNfc()}>
            {nfc ? 'Stop NFC' : 'Read NFC tags'}
          </button>
        ) : null}
      </div>
      <video ref={video} className="scanner-video" hidden={!camera} muted aria-label="Camera view" />
      <form className="inline-form" onSubmit={typed} aria-label="Enter a code">
        <label htmlFor="typed-code">Code or check-in link</label>
        <input id="typed-code" name="code" autoComplete="off" />
        <button type="submit" className="button">
          Check in
        </button>
      </form>
      <p role="status" className="pending-scans">
        {queue.pending === 0
          ? 'No scans waiting to be sent.'
          : `${queue.pending} scan${queue.pending === 1 ? '' : 's'} waiting to be sent.`}
        {queue.pending > 0 ? (
          <>
            {' '}
            <button type="button" className="button button--small" onClick={() => void queue.send()}>
              Send now
            </button>
          </>
        ) : null}
      </p>
      <ul className="scan-log" aria-label="Scans" aria-live="polite">
        {log.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a log shown newest first
          <li key={i} className={l.tone === 'error' ? 'scan-log--error' : 'scan-log--ok'}>
            {l.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
