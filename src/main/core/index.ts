// Composition of the Electron-free core: database, services, handlers, events. No work at import.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/open';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import { timeOrderedIds } from './ids';
import { createInvoke, type Invoke } from './invoke';
import { silentLogger, systemClock, type Clock, type Ids, type Logger, type PdfPrinter } from './ports';
import { createServices, type Services } from './services';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  nativeBinding?: string;
  /** Prints report HTML to PDF; the desktop shell passes Electron's printToPDF. */
  pdfPrinter?: PdfPrinter;
}

export interface Core {
  invoke: Invoke;
  bus: EventBus;
  services: Services;
  db: Database.Database;
  dbFile: string;
  close(): void;
}

export const DB_FILE_NAME = 'conn.sqlite';

export function createCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const dbFile = join(opts.dataDir, DB_FILE_NAME);
  const db = openDatabase(dbFile, { nativeBinding: opts.nativeBinding });
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? timeOrderedIds(clock);
  const logger = opts.logger ?? silentLogger;
  const bus = new EventBus();
  const services = createServices({ db, clock, ids, bus }, { dataDir: opts.dataDir, pdfPrinter: opts.pdfPrinter });
  const invoke = createInvoke(createHandlers(services), logger);
  let closed = false;
  return {
    invoke,
    bus,
    services,
    db,
    dbFile,
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
