import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export class DataDirPermissionsError extends Error {
  constructor(dir: string, mode: number, why: 'writable' | 'not_ours') {
    super(
      why === 'writable'
        ? `The data directory ${dir} can be written by other users (mode ${mode.toString(8)}), so its database cannot be trusted. ` +
            `Make it private to the user that runs Kalendaryo — chmod 700 ${dir} — and start again.`
        : `The data directory ${dir} can be read by other users (mode ${mode.toString(8)}) and Kalendaryo may not change that. ` +
            `Run Kalendaryo as the owner of ${dir}, or make it private — chmod 700 ${dir} — and start again.`,
    );
    this.name = 'DataDirPermissionsError';
  }
}

const posix = process.platform !== 'win32';

/**
 * Makes sure the embedded data directory is its user's alone: it holds password hashes and the
 * check-in signing key. A new one is created 0700; an existing one that group or others may write
 * is refused (anything in it may have been changed); one they may only read is tightened to 0700.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!posix) return;
  const mode = statSync(dir).mode & 0o777;
  if (mode & 0o022) throw new DataDirPermissionsError(dir, mode, 'writable');
  if (mode & 0o077) {
    try {
      chmodSync(dir, 0o700);
    } catch {
      throw new DataDirPermissionsError(dir, mode, 'not_ours');
    }
  }
}

/**
 * Takes group and other permissions off everything under `dir` (directories 0700, files 0600),
 * leaving symbolic links alone. PGlite creates its files 0666 whatever the umask; inside a 0700
 * directory nobody else can reach them, and this keeps them private even if it is copied away.
 */
export function makePrivate(dir: string): void {
  if (!posix) return;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const st = lstatSync(current, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(current, 0o700);
      for (const name of readdirSync(current)) pending.push(path.join(current, name));
    } else if (st.isFile() && (st.mode & 0o077) !== 0) {
      chmodSync(current, st.mode & 0o700);
    }
  }
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is in use by another Kalendaryo process (pid ${pid}). ` +
        'The embedded database serves one process only: stop that process first, or use PostgreSQL (DATABASE_URL) to run several.',
    );
    this.name = 'DataDirLockedError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the single-process lock of an embedded data directory: a file created exclusively that
 * holds our pid. A lock left by a process that no longer runs (killed, crashed) is taken over.
 * The directory must be private first (see `ensurePrivateDir`). Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  ensurePrivateDir(dir);
  const file = path.join(dir, 'kalendaryo.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        // someone else removed it first
      }
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}
