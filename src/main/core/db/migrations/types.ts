import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migration transaction: synchronous, no await. */
  up(db: Database.Database): void;
}
