// Applies numbered migrations in one transaction, tracked with PRAGMA user_version.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

export function latestVersion(list: readonly Migration[] = allMigrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Throws, without writing anything, when the file's schema is newer than this app knows. */
export function assertNotFromFuture(
  db: Database.Database,
  file: string,
  list: readonly Migration[] = allMigrations,
): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new AppError(
      'conflict',
      `The database ${file} was written by a newer version of Conn (schema ${current}, this app knows ${latest}). ` +
        'It has not been changed. Update Conn, or point CONN_DATA_DIR at another folder.',
    );
  }
  return current;
}

/** A database about to be upgraded: from and to which schema, through which steps. */
export interface Upgrade {
  from: number;
  to: number;
  steps: string[];
}

export function migrate(
  db: Database.Database,
  file: string,
  list: readonly Migration[] = allMigrations,
  onUpgrade?: (u: Upgrade) => void,
): { from: number; to: number } {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbering gap at ${m.name}`);
  });
  const current = assertNotFromFuture(db, file, sorted);
  const latest = latestVersion(sorted);
  const pending = sorted.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  // Said before the work: on a long history a step can take a while, and a silent start looks like a hang.
  onUpgrade?.({ from: current, to: latest, steps: pending.map((m) => `${m.version} ${m.name}`) });
  // One transaction for all pending steps: a crash leaves the file wholly old or wholly new.
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from: current, to: latest };
}
