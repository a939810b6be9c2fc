import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retrying } from './retry';

const failure = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

/** A unit of work that fails with `codes` in turn, then returns 'done'; counts its runs. */
const flaky = (...codes: string[]) => {
  const work = async () => {
    work.runs++;
    const code = codes[work.runs - 1];
    if (code) throw failure(code);
    return 'done';
  };
  work.runs = 0;
  return work;
};

describe('retrying', () => {
  it('runs again after a deadlock or a serialization failure', async () => {
    const work = flaky('40P01', '40001', '40P01');
    expect(await retrying(work, { jitterMs: 1 })).toBe('done');
    expect(work.runs).toBe(4);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts in all and throws the last failure`, async () => {
    const work = flaky(...Array(10).fill('40001'));
    await expect(retrying(work, { jitterMs: 1 })).rejects.toMatchObject({ code: '40001' });
    expect(work.runs).toBe(MAX_ATTEMPTS);
  });

  it('throws any other error at once', async () => {
    const work = flaky('23505', '40P01');
    await expect(retrying(work, { jitterMs: 1 })).rejects.toMatchObject({ code: '23505' });
    expect(work.runs).toBe(1);
  });

  it('retries the errors the caller names, within the same bound', async () => {
    class Gone extends Error {}
    let runs = 0;
    const work = async () => {
      runs++;
      throw new Gone();
    };
    await expect(
      retrying(work, { attempts: 3, jitterMs: 1, also: (e) => e instanceof Gone }),
    ).rejects.toBeInstanceOf(Gone);
    expect(runs).toBe(3);
  });
});
