// Moves WAL checkpoints off the main thread: a worker with its own connection copies committed pages into the
// database file, so a note's commit pays for its own fsync and never for a checkpoint's.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Pages the WAL may hold before the main connection checkpoints itself (the safety net if the worker lags). */
export const MAIN_AUTOCHECKPOINT_PAGES = 4000;

export interface CheckpointerOptions {
  nativeBinding?: string;
  everyMs?: number;
}

export interface Checkpointer {
  /** Closes the worker's connection before returning, so the main connection can close last and tidy the WAL. */
  stop(): void;
}

// Plain CommonJS run with `eval: true`: no file to bundle or resolve next to the built main process.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 0');
const pass = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); }
  catch (err) { if (!/SQLITE_BUSY|locked|busy/i.test(String(err && err.message))) parentPort.postMessage({ error:
    String(err && err.message) }); }
};
const timer = setInterval(pass, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.close(); } finally {
    Atomics.store(workerData.closed, 0, 1);
    Atomics.notify(workerData.closed, 0);
  }
});
`;

/**
 * Starts the checkpoint worker for an open WAL database and raises the main connection's own autocheckpoint to a
 * safety bound. Checkpoints are PASSIVE: they never block a writer, and SQLite keeps them safe across connections.
 */
export function startCheckpointer(db: Database.Database, file: string, opts: CheckpointerOptions = {}): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${MAIN_AUTOCHECKPOINT_PAGES}`);
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, modulePath, nativeBinding: opts.nativeBinding ?? null, everyMs: opts.everyMs ?? 100, closed },
  });
  worker.unref();
  let failed = false;
  // If the worker cannot checkpoint, the main connection goes back to SQLite's default cadence.
  const fallBack = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', () => {
    failed = true;
    fallBack();
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) fallBack();
  });
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (!failed) {
        worker.postMessage('stop');
        // Shutdown only: wait (bounded) for the worker to close its connection. A worker stuck in a checkpoint
        // is terminated instead; SQLite's checkpoints are crash-safe.
        Atomics.wait(closed, 0, 0, 2000);
      }
      void worker.terminate();
    },
  };
}
