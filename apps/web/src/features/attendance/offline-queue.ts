/**
 * Scans made without a network: kept (with the time of the scan) until they can be sent, then each is
 * verified by the server at its scan time. Pure functions over a plain array, plus a small storage seam.
 */
import type { CheckInBody } from '@kalendaryo/contract';

/** How a code was read: the methods a scan may name when it is sent. */
export type ScanMethod = NonNullable<CheckInBody['method']>;

export interface PendingScan {
  /** Unique per scan (token + scan time), so the same scan is never queued twice. */
  id: string;
  token: string;
  method: ScanMethod;
  /** ISO instant of the scan. */
  scannedAt: string;
  /** The event the scanner was set to. */
  itemId: string;
  attempts: number;
}

export const QUEUE_KEY = 'kalendaryo.attendance.pending-scans';
/** The server verifies offline scans made at most 24 hours before they arrive. */
export const MAX_AGE_MS = 24 * 3_600_000;

export function makeScan(token: string, method: ScanMethod, itemId: string, at: Date): PendingScan {
  const scannedAt = at.toISOString();
  return { id: `${scannedAt}|${token}`, token, method, scannedAt, itemId, attempts: 0 };
}

/** Adds a scan unless the same token is already waiting for the same event (a double scan). */
export function enqueue(queue: readonly PendingScan[], scan: PendingScan): PendingScan[] {
  if (queue.some((s) => s.token === scan.token && s.itemId === scan.itemId)) return [...queue];
  return [...queue, scan];
}

/** Scans too old for the server to accept; they are dropped and reported. */
export function expired(queue: readonly PendingScan[], now: number): PendingScan[] {
  return queue.filter((s) => now - Date.parse(s.scannedAt) > MAX_AGE_MS);
}

export function withoutExpired(queue: readonly PendingScan[], now: number): PendingScan[] {
  return queue.filter((s) => now - Date.parse(s.scannedAt) <= MAX_AGE_MS);
}

/** What became of one scan when sent. */
export type SendOutcome =
  | { kind: 'done' }
  /** The server answered with a problem (invalid, expired, not invited): the scan will never succeed. */
  | { kind: 'refused'; message: string }
  /** No network, or the server is unavailable: try again later. */
  | { kind: 'retry' };

export interface FlushResult {
  queue: PendingScan[];
  done: PendingScan[];
  refused: { scan: PendingScan; message: string }[];
}

/**
 * Sends the scans in the order they were made. Stops at the first `retry` (the network is gone again)
 * and keeps that scan and the rest, with its attempts counted.
 */
export async function flush(
  queue: readonly PendingScan[],
  send: (scan: PendingScan) => Promise<SendOutcome>,
  now: number,
): Promise<FlushResult> {
  const ordered = [...withoutExpired(queue, now)].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  const result: FlushResult = { queue: [], done: [], refused: [] };
  for (const scan of expired(queue, now)) {
    result.refused.push({ scan, message: 'The scan is more than a day old and can no longer be sent.' });
  }
  for (let i = 0; i < ordered.length; i++) {
    const scan = ordered[i]!;
    const outcome = await send(scan);
    if (outcome.kind === 'done') result.done.push(scan);
    else if (outcome.kind === 'refused') result.refused.push({ scan, message: outcome.message });
    else {
      result.queue = [{ ...scan, attempts: scan.attempts + 1 }, ...ordered.slice(i + 1)];
      break;
    }
  }
  return result;
}

/** Reads a stored queue, ignoring anything that is not a well-formed list of scans. */
export function parseQueue(raw: string | null): PendingScan[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (s): s is PendingScan =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.id === 'string' &&
        typeof s.token === 'string' &&
        (s.method === 'qr_code' || s.method === 'nfc') &&
        typeof s.scannedAt === 'string' &&
        !Number.isNaN(Date.parse(s.scannedAt)) &&
        typeof s.itemId === 'string' &&
        typeof s.attempts === 'number',
    );
  } catch {
    return [];
  }
}

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const loadQueue = (storage: QueueStorage): PendingScan[] => parseQueue(storage.getItem(QUEUE_KEY));
export const saveQueue = (storage: QueueStorage, queue: readonly PendingScan[]): void =>
  storage.setItem(QUEUE_KEY, JSON.stringify(queue));

/** The token in what a scanner read: a check-in URL (`…/check-in?token=…`) or the bare token. */
export function tokenFromScan(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  if (/^https?:\/\//i.test(value)) {
    try {
      return new URL(value).searchParams.get('token');
    } catch {
      return null;
    }
  }
  return /^[A-Za-z0-9._~-]+$/.test(value) ? value : null;
}
