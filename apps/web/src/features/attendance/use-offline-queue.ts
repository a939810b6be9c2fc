import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../app/api';
import { NETWORK_STATUS } from '../../app/messages';
import type { Tone } from '../../app/ui/alert';
import { checkIn } from './attendance-api';
import { enqueue, flush, loadQueue, type PendingScan, type SendOutcome, saveQueue } from './offline-queue';

const storage = () => (typeof localStorage === 'undefined' ? null : localStorage);

/** Whether a failed send should be kept for later (no network, server unavailable). */
export const isRetryable = (e: unknown) =>
  !isApiError(e) || e.status === NETWORK_STATUS || e.status === 429 || e.status >= 500;

/** The offline scans in localStorage: add, count, and send when the browser is back online. */
export function useOfflineQueue(onResult: (text: string, tone: Tone) => void) {
  const [queue, setQueue] = useState<PendingScan[]>(() => {
    const s = storage();
    return s ? loadQueue(s) : [];
  });
  const sending = useRef(false);
  const resultRef = useRef(onResult);
  resultRef.current = onResult;

  const store = useCallback((next: PendingScan[]) => {
    const s = storage();
    if (s) saveQueue(s, next);
    setQueue(next);
  }, []);

  const add = useCallback(
    (scan: PendingScan) => {
      const s = storage();
      store(enqueue(s ? loadQueue(s) : [], scan));
    },
    [store],
  );

  const send = useCallback(async () => {
    const s = storage();
    if (sending.current || !s) return;
    sending.current = true;
    try {
      const pending = loadQueue(s);
      if (pending.length === 0) return;
      const result = await flush(
        pending,
        async (scan): Promise<SendOutcome> => {
          try {
            await checkIn({
              token: scan.token,
              method: scan.method,
              scannedAt: scan.scannedAt,
              itemId: scan.itemId,
            });
            return { kind: 'done' };
          } catch (e) {
            if (isRetryable(e)) return { kind: 'retry' };
            return { kind: 'refused', message: isApiError(e) ? e.friendly : 'Refused.' };
          }
        },
        Date.now(),
      );
      // Scans added while sending stay in the queue.
      const added = loadQueue(s).filter((x) => !pending.some((p) => p.id === x.id));
      store([...result.queue, ...added]);
      if (result.done.length) {
        resultRef.current(
          result.done.length === 1
            ? 'Sent 1 saved scan; the server accepted it.'
            : `Sent ${result.done.length} saved scans; the server accepted them.`,
          'success',
        );
      }
      for (const r of result.refused) resultRef.current(`A saved scan was refused: ${r.message}`, 'error');
    } finally {
      sending.current = false;
    }
  }, [store]);

  useEffect(() => {
    const online = () => void send();
    window.addEventListener('online', online);
    if (navigator.onLine) void send();
    return () => window.removeEventListener('online', online);
  }, [send]);

  return { pending: queue.length, add, send };
}
