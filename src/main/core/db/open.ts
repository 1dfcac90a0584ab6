// Opens the SQLite file with the pragmas Conn's durability depends on, then migrates it.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/result';
import { assertNotFromFuture, migrate, type Upgrade } from './migrate';
import type { Migration } from './migrations/types';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Refuses a file that exists and is not SQLite, before better-sqlite3 can touch it. */
function assertSqliteFile(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  if (statSync(file).size === 0) return;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new AppError(
        'conflict',
        `${file} is not a Conn database (not an SQLite file). It has not been changed; move it away or set ` +
          `CONN_DATA_DIR to another folder.`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

export interface OpenOptions {
  migrations?: readonly Migration[];
  nativeBinding?: string;
  /** How long a write waits for another process's lock before failing as `busy`. */
  busyTimeoutMs?: number;
  /** Told before pending migrations run (not when the file is up to date, nor for a new file's first schema). */
  onUpgrade?: (u: Upgrade) => void;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  assertSqliteFile(file);
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    // Before any pragma that writes (WAL changes the header): a file from the future stays byte-identical.
    assertNotFromFuture(db, file, opts.migrations);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // Checked on every open: journal_mode reads back differently on later opens, so ask, don't assume.
    const mode = db.pragma('journal_mode', { simple: true });
    if (file !== ':memory:' && mode !== 'wal') throw new Error(`could not enable WAL (got ${String(mode)})`);
    migrate(db, file, opts.migrations, (u) => {
      if (u.from > 0) opts.onUpgrade?.(u);
    });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
