/**
 * Service-wide trouble the whole app should know about (rate limiting, the database being down,
 * the network gone), shown as one banner. A tiny external store for `useSyncExternalStore`.
 */

export type ApiTrouble =
  | { kind: 'rate-limited'; retryAfterSeconds?: number; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'offline'; message: string };

let current: ApiTrouble | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export const apiStatus = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): ApiTrouble | null {
    return current;
  },
  report(trouble: ApiTrouble): void {
    current = trouble;
    emit();
  },
  /** A request got through: problems that a success disproves go away. */
  recovered(): void {
    if (current && current.kind !== 'rate-limited') {
      current = null;
      emit();
    }
  },
  dismiss(): void {
    if (current) {
      current = null;
      emit();
    }
  },
};
