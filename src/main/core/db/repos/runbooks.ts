// SQL for imported runbooks (built-ins live in resources/ and are never stored).
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export interface StoredRunbook {
  id: string;
  version: number;
  body: string;
}

export const runbooksRepo = perDb((db: Database.Database) => {
  const all = db.prepare<[], StoredRunbook>('SELECT id, version, body FROM runbooks ORDER BY name COLLATE NOCASE, id');
  const byId = db.prepare<[string], StoredRunbook>('SELECT id, version, body FROM runbooks WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO runbooks (id, version, name, body, imported_at) VALUES (@id, @version, @name, @body, @at)
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, name = excluded.name, body = excluded.body,
       imported_at = excluded.imported_at`,
  );
  return {
    list: (): StoredRunbook[] => all.all(),
    get: (id: string): StoredRunbook | undefined => byId.get(id),
    save(r: { id: string; version: number; name: string; body: string }, at: number): void {
      upsert.run({ ...r, at });
    },
  };
});
export type RunbooksRepo = ReturnType<typeof runbooksRepo>;
