/** ARCHITECTURE.md "Boundaries": the recurrence and time code is pure and runs in the browser. */
import { describe, expect, it } from 'vitest';

const sources = {
  ...import.meta.glob('./*.ts', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('../time/*.ts', { query: '?raw', import: 'default', eager: true }),
};
const production = Object.entries(sources).filter(([path]) => !path.endsWith('.test.ts'));

describe('boundaries of recurrence/ and time/', () => {
  it('finds the modules it checks', () => {
    expect(production.map(([path]) => path)).toEqual(
      expect.arrayContaining(['./expand.ts', '../time/zone.ts']),
    );
  });

  it.each(production)('%s does no I/O, reads no clock and no host time zone', (_path, text) => {
    expect(text).not.toMatch(
      /from ['"]node:|require\(|process\.|Date\.now\(|new Date\(\)|getTimezoneOffset|Intl\.DateTimeFormat\(\)/,
    );
  });

  it('keeps rrule out of the expansion path (it is only the reference adapter)', () => {
    const importers = production.filter(([, text]) => /from 'rrule'/.test(text)).map(([path]) => path);
    expect(importers).toEqual(['./rrule-generator.ts']);
    const index = production.find(([path]) => path === './index.ts')?.[1] ?? '';
    expect(index).not.toContain('rrule-generator');
  });
});
