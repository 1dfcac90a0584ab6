// Migration 0016 (search-terms): an older file's indexed notes give the vocabulary its terms, folded as notes_fts
// folds them, with how many notes have each; later batches and edits add theirs, and the scratch index is left empty.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { migration0016 } from '../../../src/main/core/db/migrations/0016-search-terms';
import { searchIndexRepo } from '../../../src/main/core/db/repos/searchIndex';
import { tempDir } from '../../helpers/tempDir';

const note = (id: string, body: string) =>
  `INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES ('${id}', 'i1', 'note', '${body}',
    'me', 1)`;
const terms = (db: Database.Database) =>
  Object.fromEntries(
    db
      .prepare<[], { term: string; docs: number }>('SELECT term, docs FROM search_terms ORDER BY term')
      .all()
      .map((r) => [r.term, r.docs]),
  );

describe('migration 0016 (search vocabulary)', () => {
  it('upgrades an older file: the indexed notes’ terms, then each batch’s and each edit’s', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < migration0016.version) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      old.exec(note('n1', 'Café déjà vu'));
      old.exec(note('n2', 'CAFE disk full'));
      // The two indexed the way the indexer of that version did it; the third left waiting for a batch.
      old.exec(`INSERT INTO notes_fts (rowid, body) SELECT seq, body FROM notes;
        UPDATE search_index_state SET upto = 2 WHERE name = 'notes';`);
      old.exec(note('n3', 'pending rollout'));
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= migration0016.version) });
      expect(db.pragma('user_version', { simple: true })).toBe(migration0016.version);
      expect(terms(db)).toEqual({ cafe: 2, deja: 1, disk: 1, full: 1, vu: 1 });

      const repo = searchIndexRepo(db);
      expect(db.transaction(() => repo.indexNext(100))()).toBe(1);
      expect(terms(db)).toMatchObject({ pending: 1, rollout: 1, cafe: 2 });

      // An edit of an indexed note adds its new terms; old ones stay (expanding to them then matches nothing).
      db.exec("UPDATE notes SET body = 'Crème brûlée' WHERE id = 'n1'");
      expect(terms(db)).toMatchObject({ creme: 1, brulee: 1, deja: 1 });
      // An edit of a note not yet indexed leaves it to its batch, as notes_fts does.
      db.exec(note('n4', 'queued'));
      db.exec("UPDATE notes SET body = 'requeued' WHERE id = 'n4'");
      expect(terms(db)).not.toHaveProperty('requeued');
      db.transaction(() => repo.indexNext(100))();
      expect(terms(db)).toHaveProperty('requeued');
      expect(terms(db)).not.toHaveProperty('queued');

      expect(db.prepare('SELECT count(*) FROM search_terms_scratch_vocab').pluck().get()).toBe(0);
      db.prepare("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)").run();
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
