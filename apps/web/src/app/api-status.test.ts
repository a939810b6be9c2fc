import { afterEach, describe, expect, it } from 'vitest';
import { apiStatus } from './api-status';

afterEach(() => apiStatus.dismiss());

describe('apiStatus', () => {
  it('notifies subscribers and clears an outage on the next success', () => {
    let calls = 0;
    const unsubscribe = apiStatus.subscribe(() => calls++);
    apiStatus.report({ kind: 'unavailable', message: 'down' });
    expect(apiStatus.get()?.kind).toBe('unavailable');
    apiStatus.recovered();
    expect(apiStatus.get()).toBeNull();
    expect(calls).toBe(2);
    unsubscribe();
    apiStatus.report({ kind: 'offline', message: 'gone' });
    expect(calls).toBe(2);
  });

  it('keeps a rate limit until it expires or is dismissed: one success does not lift it', () => {
    apiStatus.report({ kind: 'rate-limited', retryAfterSeconds: 30, message: 'slow down' });
    apiStatus.recovered();
    expect(apiStatus.get()?.kind).toBe('rate-limited');
    apiStatus.dismiss();
    expect(apiStatus.get()).toBeNull();
  });
});
