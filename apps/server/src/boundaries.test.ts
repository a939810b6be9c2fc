import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rules of the server's layout that imports cannot show (`npm run depcheck` checks those):
 * SQL is written only in repositories (`*.repository.ts`) and `db/`, and the environment is read
 * only in `config.ts`. Tests and their helpers are free of both rules.
 */

const SRC = path.dirname(new URL(import.meta.url).pathname);

const isTestCode = (file: string) =>
  /\.test\.ts$|\.fixtures\.ts$/.test(file) || file.startsWith(`test${path.sep}`);

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/**
 * The string and template literals of TypeScript source, by the index of their opening quote,
 * without their quotes; comments and regular expressions are skipped (the latter found the usual
 * way, by the token before the slash).
 */
function literals(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const regexMayFollow =
    /[(,=:[!&|?{};+\-*%<>~^]$|(^|[^\w$])(return|typeof|case|do|else|in|of|void|yield|await)$/;
  let i = 0;
  const skipQuoted = (quote: string) => {
    const start = i;
    let depth = 0;
    for (i++; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\') i++;
      else if (quote === '`' && depth === 0 && ch === '$' && text[i + 1] === '{') {
        depth = 1;
        i++;
      } else if (depth > 0 && ch === '{') depth++;
      else if (depth > 0 && ch === '}') depth--;
      else if (depth === 0 && ch === quote) break;
    }
    out.set(start, text.slice(start + 1, i));
    i++;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/')
      i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (ch === '/' && text[i + 1] === '*')
      i = text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (ch === '`' || ch === "'" || ch === '"') skipQuoted(ch);
    else if (ch === '/' && regexMayFollow.test(text.slice(Math.max(0, i - 12), i).trimEnd())) {
      let inClass = false;
      for (i++; i < text.length && text[i] !== '\n'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        else if (text[i] === '/' && !inClass) break;
      }
      i++;
    } else i++;
  }
  return out;
}

/** Words that make a string an SQL statement. */
const SQL =
  /\b(select\s[\s\S]*\bfrom\b|select\s+(\d|pg_|[a-z_]+\()|insert\s+into|update\s+\w+\s+set|delete\s+from|with\s+\w+\s+as\s*\(|savepoint|rollback|commit|begin|create\s+(table|index)|alter\s+table|drop\s+table|truncate|pg_advisory)/i;
/** A call of `.query(` or `.exec(`, typed or not: what runs SQL on a database or transaction. */
const RUNS = /\.(query|exec)\s*(<[^()]*?>)?\s*\(\s*/g;
/** A literal that opens with an SQL statement, wherever it is (e.g. a constant passed on later). */
const STATEMENT =
  /^\s*(select\s[\s\S]*\bfrom\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|with\s+\w+\s+as\s*\()/i;

/** Each line of `text` that writes SQL, as `line: the statement`. */
export function sqlIn(text: string): string[] {
  const found = new Map<number, string>();
  const lineOf = (at: number) => text.slice(0, at).split('\n').length;
  const note = (at: number, sql: string) =>
    found.set(lineOf(at), sql.trim().replace(/\s+/g, ' ').slice(0, 60));
  const strings = literals(text);
  for (const m of text.matchAll(RUNS)) {
    const at = m.index + m[0].length;
    const literal = strings.get(at);
    if (literal !== undefined && SQL.test(literal)) note(at, literal);
  }
  for (const [at, literal] of strings) if (STATEMENT.test(literal)) note(at, literal);
  return [...found].sort(([a], [b]) => a - b).map(([line, sql]) => `${line}: ${sql}`);
}

describe('the server source', () => {
  const files = sourceFiles();

  it('writes SQL only in repositories and db/', () => {
    const misplaced = files
      .filter((f) => !f.endsWith('.repository.ts') && !f.startsWith(`db${path.sep}`) && !isTestCode(f))
      .flatMap((f) => sqlIn(readFileSync(path.join(SRC, f), 'utf8')).map((where) => `${f}:${where}`));
    expect(misplaced, 'SQL outside a *.repository.ts or db/: move it into the module’s repository').toEqual(
      [],
    );
  });

  it('reads the environment only in config.ts', () => {
    const readers = files.filter(
      (f) =>
        f !== 'config.ts' &&
        !isTestCode(f) &&
        /\bprocess\.env\b/.test(readFileSync(path.join(SRC, f), 'utf8')),
    );
    expect(readers, 'process.env read outside config.ts: add the setting to Config instead').toEqual([]);
  });

  it('finds what it looks for', () => {
    expect(files).toContain(path.join('modules', 'users', 'users.repository.ts'));
    const sample = [
      "const n = await db.query<{ n: number }>('select count(*)::int as n from users');",
      'await tx.query(`update bookings set status = $2 where id = $1`, [id, s]);',
      "await tx.query('savepoint slot');",
      "await tx.query('select pg_advisory_xact_lock(1)');",
      'const FROM = `select b.id from bookings b`;',
      "const ok = /x/.exec('selection from the list of resources');",
      'const text = request.query;',
    ].join('\n');
    expect(sqlIn(sample).map((s) => Number(s.split(':')[0]))).toEqual([1, 2, 3, 4, 5]);
  });
});
