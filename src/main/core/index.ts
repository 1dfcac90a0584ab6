// Composition of the Electron-free core: database, services, handlers, events. No work at import.
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db/open';
import { EventBus } from './events';
import { createHandlers } from './handlers';
import { timeOrderedIds } from './ids';
import { createInvoke, type Invoke } from './invoke';
import { silentLogger, systemClock, type Clock, type Ids, type Logger } from './ports';
import type { Notifier, Timers } from './reminders/scheduler';
import { createServices, type Services } from './services';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  nativeBinding?: string;
  /** Shows reminder notifications outside the window (OS notifications in the desktop shell). */
  notifier?: Notifier;
  timers?: Timers;
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
  const services = createServices({ db, clock, ids, bus, notifier: opts.notifier, timers: opts.timers });
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
      services.reminders.stop();
      db.close();
    },
  };
}
