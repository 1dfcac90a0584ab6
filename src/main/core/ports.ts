// The outside world the core needs, passed in so tests can substitute fakes, and what every service is given.
import type Database from 'better-sqlite3';
import type { EventBus } from './events';

export interface Clock {
  now(): number; // epoch milliseconds
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Ids {
  next(): string;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Prints a standalone HTML document to PDF bytes (Electron's printToPDF in the desktop shell). */
export type PdfPrinter = (html: string) => Promise<Buffer>;

/** What every service is built from: the database, the clock, id source and the event bus. */
export interface ServiceDeps {
  db: Database.Database;
  clock: Clock;
  ids: Ids;
  bus: EventBus;
}
