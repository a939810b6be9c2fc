import { describe, expect, it } from 'vitest';
import {
  enqueue,
  flush,
  loadQueue,
  MAX_AGE_MS,
  makeScan,
  type PendingScan,
  parseQueue,
  QUEUE_KEY,
  type SendOutcome,
  saveQueue,
  tokenFromScan,
} from './offline-queue';

const ITEM = '11111111-1111-4111-8111-111111111111';
const T0 = Date.parse('2026-11-26T01:00:00Z');
const scan = (token: string, minutes: number) =>
  makeScan(token, 'qr_code', ITEM, new Date(T0 + minutes * 60_000));

describe('offline scan queue', () => {
  it('keeps scans with their scan time and ignores a double scan of the same token', () => {
    let q: PendingScan[] = [];
    q = enqueue(q, scan('aaa', 0));
    q = enqueue(q, scan('bbb', 1));
    q = enqueue(q, scan('aaa', 2));
    expect(q.map((s) => [s.token, s.scannedAt])).toEqual([
      ['aaa', '2026-11-26T01:00:00.000Z'],
      ['bbb', '2026-11-26T01:01:00.000Z'],
    ]);
    expect(enqueue(q, makeScan('aaa', 'nfc', 'other-item', new Date(T0)))).toHaveLength(3);
  });

  it('sends in scan order, drops done and refused scans, and stops at the first network failure', async () => {
    const q = [scan('c', 2), scan('a', 0), scan('b', 1), scan('d', 3)];
    const sent: string[] = [];
    const outcomes: Record<string, SendOutcome> = {
      a: { kind: 'done' },
      b: { kind: 'refused', message: 'The code has expired.' },
      c: { kind: 'retry' },
      d: { kind: 'done' },
    };
    const r = await flush(
      q,
      async (s) => {
        sent.push(s.token);
        return outcomes[s.token]!;
      },
      T0 + 3_600_000,
    );
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(r.done.map((s) => s.token)).toEqual(['a']);
    expect(r.refused).toEqual([{ scan: q[2], message: 'The code has expired.' }]);
    expect(r.queue.map((s) => [s.token, s.attempts])).toEqual([
      ['c', 1],
      ['d', 0],
    ]);
  });

  it('empties when everything is accepted, and refuses scans older than a day without sending them', async () => {
    const sent: string[] = [];
    const r = await flush(
      [scan('old', 0), scan('new', 60)],
      async (s): Promise<SendOutcome> => {
        sent.push(s.token);
        return { kind: 'done' };
      },
      T0 + MAX_AGE_MS + 30 * 60_000,
    );
    expect(sent).toEqual(['new']);
    expect(r.queue).toEqual([]);
    expect(r.refused.map((x) => x.scan.token)).toEqual(['old']);
  });

  it('survives storage: round trip, and junk is ignored', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(loadQueue(storage)).toEqual([]);
    saveQueue(storage, [scan('a', 0)]);
    expect(loadQueue(storage)).toEqual([scan('a', 0)]);
    store.set(QUEUE_KEY, '{not json');
    expect(loadQueue(storage)).toEqual([]);
    expect(parseQueue(JSON.stringify([{ token: 1 }, scan('b', 0), null]))).toEqual([scan('b', 0)]);
  });

  it('finds the token in a check-in URL or takes a bare token', () => {
    expect(tokenFromScan('https://kalendaryo.example/check-in?token=abc.def-1_')).toBe('abc.def-1_');
    expect(tokenFromScan('  abc.def  ')).toBe('abc.def');
    expect(tokenFromScan('https://x.example/other')).toBeNull();
    expect(tokenFromScan('hello world')).toBeNull();
    expect(tokenFromScan('')).toBeNull();
  });
});
