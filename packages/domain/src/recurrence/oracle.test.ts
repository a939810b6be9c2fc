/**
 * Cross-checks the expansion against an independent oracle: python-dateutil expanding in wall-clock
 * time, zoneinfo (fold=0) for instants (testing/oracle.py). Node's child_process stays in this file;
 * the domain code itself never touches node:*.
 */
import { describe, expect, it } from 'vitest';
import { expandRecurrence } from './expand';
import { readFixture } from './testing/ics';
import { benchmarkCases, type OracleCase, oracleCases } from './testing/oracle-cases';
import { now, report } from './testing/report';

interface SpawnResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
type SpawnSync = (command: string, args: string[], options: Record<string, unknown>) => SpawnResult;

// Imported by a computed name so the package's type-check (no Node typings) stays clean.
const nodeModule = (name: string): Promise<unknown> => import(/* @vite-ignore */ `node:${name}`);
const { spawnSync } = (await nodeModule('child_process')) as { spawnSync: SpawnSync };
const { existsSync } = (await nodeModule('fs')) as { existsSync(path: string): boolean };

const PYTHON = '/usr/bin/python3';
const hasOracle =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import dateutil, zoneinfo'], { encoding: 'utf8' }).status === 0;

const script = Object.values(
  import.meta.glob('./testing/oracle.py', { query: '?raw', import: 'default', eager: true }),
)[0];
const fixture = Object.values(
  import.meta.glob('./fixtures/rfc5545-examples.ics', { query: '?raw', import: 'default', eager: true }),
)[0];

type Row = [string, number | null];
interface OracleAnswer {
  readonly results: ({ ok: Row[] } | { error: string })[];
  readonly bench_ms: number | null;
}

function runOracle(cases: readonly OracleCase[], bench: readonly unknown[] = []): OracleAnswer {
  const run = spawnSync(PYTHON, ['-c', script as string], {
    input: JSON.stringify({ cases, bench }),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleAnswer;
}

function ours(c: OracleCase): Row[] {
  const { group: _group, window, limit, ...input } = c;
  return expandRecurrence(input, {
    ...(window ? { window } : {}),
    ...(limit === undefined ? {} : { limit }),
  }).map((o) => [o.local, o.epochMs]);
}

/** The RFC examples with a window that covers what the RFC lists (sub-daily ones: a few days). */
const rfcExamples: OracleCase[] = readFixture(fixture as string).map((e) => {
  const from = Date.parse(`${e.input.dtstart}Z`) - 86_400_000;
  const days = /FREQ=(HOURLY|MINUTELY)/.test(e.input.rrule ?? '') ? 3 : 4000;
  const window = {
    start: new Date(from).toISOString(),
    end: new Date(from + days * 86_400_000).toISOString(),
  };
  return {
    group: 'RFC 5545 examples',
    ...e.input,
    window,
    ...(e.limit === undefined ? {} : { limit: e.limit }),
  };
});

const suite = hasOracle ? describe : describe.skip;
const title = hasOracle
  ? 'oracle: python-dateutil (wall clock) + zoneinfo fold=0 (instants)'
  : `oracle skipped: ${PYTHON} with the dateutil module is missing (apt-get install -y python3-dateutil)`;

suite(title, () => {
  it('agrees on every case: RFC examples, BYxxx grids, BYSETPOS/BYWEEKNO, short months, DST, EXDATE/RDATE, long horizons, all-day', () => {
    const cases = oracleCases(rfcExamples);
    const answer = runOracle(cases);
    const byGroup = new Map<string, { total: number; agree: number; noAnswer: number }>();
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const expected = answer.results[i];
      const got = ours(c);
      const noAnswer = expected !== undefined && 'error' in expected && expected.error === 'timeout';
      const agree =
        expected !== undefined && 'ok' in expected && JSON.stringify(expected.ok) === JSON.stringify(got);
      const tally = byGroup.get(c.group) ?? { total: 0, agree: 0, noAnswer: 0 };
      byGroup.set(c.group, {
        total: tally.total + 1,
        agree: tally.agree + (agree ? 1 : 0),
        noAnswer: tally.noAnswer + (noAnswer ? 1 : 0),
      });
      if (!agree && !noAnswer) {
        disagreements.push(
          `${JSON.stringify(c)}\n  oracle: ${JSON.stringify(expected).slice(0, 400)}\n  ours:   ${JSON.stringify(got).slice(0, 400)}`,
        );
      }
    });
    const answered = [...byGroup.values()].reduce((n, g) => n + g.total - g.noAnswer, 0);
    report(
      `oracle agreement: ${answered - disagreements.length}/${answered} answered cases (${cases.length} in all)`,
    );
    report(Object.fromEntries(byGroup));
    expect(cases.length).toBeGreaterThanOrEqual(400);
    // dateutil spins to year 9999 on a rule that never matches; a few such cases may go unanswered.
    expect(answered).toBeGreaterThanOrEqual(0.95 * cases.length);
    expect(disagreements.slice(0, 5)).toEqual([]);
  }, 300_000);

  it('expands 1,000 distinct rules over a year at a speed comparable to python-dateutil', () => {
    const bench = benchmarkCases();
    const answer = runOracle([], bench);
    const began = now();
    let occurrences = 0;
    for (const { window, ...input } of bench)
      occurrences += expandRecurrence(input, window ? { window } : {}).length;
    const ms = now() - began;
    report(
      `1,000 rules over a year: ours ${ms.toFixed(0)} ms, python-dateutil ${answer.bench_ms?.toFixed(0)} ms, ${occurrences} occurrences`,
    );
    expect(ms).toBeLessThan(Math.max(5 * (answer.bench_ms ?? 0), 2000));
  }, 300_000);
});
