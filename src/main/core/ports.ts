// The outside world the core needs, passed in so tests can substitute fakes.

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
