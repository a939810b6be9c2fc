import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Each test starts from an empty document and the real globals. The page goes first, so nothing
// it still has in flight reaches past the stubbed `fetch`.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
