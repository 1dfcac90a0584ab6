// One instance per open database: repositories prepare their statements once, not on every call.
import type Database from 'better-sqlite3';

/** Wraps a repository factory so each database gets its statements prepared once and reused. */
export function perDb<T>(make: (db: Database.Database) => T): (db: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>();
  return (db) => {
    let repo = made.get(db);
    if (repo === undefined) {
      repo = make(db);
      made.set(db, repo);
    }
    return repo;
  };
}
