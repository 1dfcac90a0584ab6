// Durable commits that do not stall the event loop: the transaction commits with synchronous = NORMAL (SQLite
// writes the WAL but does not fsync it), then the WAL is fsynced on libuv's thread pool. A caller acts on the
// commit (sends a claimed request, reports an outcome) only once `durable` resolves: the same guarantee as
// synchronous = FULL, without a 5–400 ms fsync on the main thread when the disk is busy.
import type Database from 'better-sqlite3';
import { closeSync, fsync, openSync } from 'node:fs';

export interface AsyncCommit {
  /** Runs `tx` (already a db.transaction) as IMMEDIATE; `durable` resolves once its WAL frames are on disk. */
  run<A extends unknown[], T>(
    tx: Database.Transaction<(...args: A) => T>,
    ...args: A
  ): { value: T; durable: Promise<void> };
  close(): void;
}

/**
 * Falls back to plain synchronous = FULL commits (the connection's setting) when the WAL cannot be opened
 * (an in-memory database, a platform that refuses a second handle).
 */
export function asyncCommit(db: Database.Database, onError: (err: Error) => void = () => {}): AsyncCommit {
  let fd: number | null = null;
  try {
    if (!db.memory && db.pragma('journal_mode', { simple: true }) === 'wal') fd = openSync(`${db.name}-wal`, 'r+');
  } catch (err) {
    onError(err as Error);
    fd = null;
  }
  const normal = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');

  // One fsync at a time; commits made while one runs share the next (it may have started before they wrote).
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const syncOnce = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (fd === null) return resolve();
      fsync(fd, (err) => (err ? reject(err) : resolve()));
    });
  const flush = (): Promise<void> => {
    if (!running) {
      running = syncOnce().finally(() => (running = null));
      return running;
    }
    next ??= running.then(
      () => {
        next = null;
        return flush();
      },
      () => {
        next = null;
        return flush();
      },
    );
    return next;
  };

  return {
    run(tx, ...args) {
      if (fd === null) return { value: tx.immediate(...args), durable: Promise.resolve() };
      normal.run();
      let value;
      try {
        value = tx.immediate(...args);
      } finally {
        full.run(); // everything else on this connection keeps committing with a synchronous fsync
      }
      return { value, durable: flush() };
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
