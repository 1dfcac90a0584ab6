// Keeps the data folder private: 0700, owned by the user Conn runs as, and Conn's files in it 0600 (also when the
// folder existed before Conn, e.g. CONN_DATA_DIR pointing at a 0755 folder, where notes would be readable by others).
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/result';
import type { Logger } from './ports';

/** Conn's own entries at the top of the data folder; anything else there is the user's and left alone. */
const OWN_FILE = /^(conn\.sqlite|secrets\.)/;
const OWN_FOLDERS = ['logs', 'reports'];

export interface PrivateDataOptions {
  logger?: Logger;
  /** The user Conn runs as; tests pass another id to play a folder owned by someone else (they run as root). */
  uid?: number;
}

const currentUid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** Refuses a data folder that belongs to another user, before anything is written into it. */
export function assertOwnDataDir(dir: string, opts: PrivateDataOptions = {}): void {
  const uid = opts.uid ?? currentUid();
  if (uid === undefined || !existsSync(dir)) return; // Windows: no POSIX owners; ACLs are the profile's.
  const owner = lstatSync(dir).uid;
  if (owner !== uid) {
    throw new AppError(
      'forbidden',
      `The data folder ${dir} belongs to another user (uid ${owner}, Conn runs as uid ${uid}). Conn keeps incident ` +
        'notes only in a folder you own, so nobody else can read or change them. Nothing was written there: choose ' +
        'a folder of your own with CONN_DATA_DIR, or fix the owner.',
    );
  }
}

/** Creates or checks the data folder and tightens Conn's files in it; says so once in the log when it had to. */
export function securePrivateDataDir(dir: string, opts: PrivateDataOptions = {}): void {
  assertOwnDataDir(dir, opts);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const tightened: string[] = [];
  const tighten = (path: string, st: Stats, mode: number) => {
    if ((st.mode & 0o777) === mode) return;
    chmodSync(path, mode);
    tightened.push(path);
  };
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return; // never follow a link out of the folder
    if (st.isDirectory()) {
      tighten(path, st, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (st.isFile()) tighten(path, st, 0o600);
  };
  tighten(dir, lstatSync(dir), 0o700);
  for (const name of readdirSync(dir)) {
    if (OWN_FILE.test(name) || OWN_FOLDERS.includes(name)) walk(join(dir, name));
  }
  if (tightened.length) {
    opts.logger?.warn('made the data folder private: others could read these, now only you can', { paths: tightened });
  }
}

/** Creates an empty file 0600 when it is missing, so SQLite (whose -wal and -shm copy its mode) starts private. */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600); // the umask may have narrowed the bits, never widened them; this makes them exact
}
