// Migration 0011 (search-index-batch): notes indexed by the old trigger stay searchable, upto = max(seq), and new
// notes are left to the batch indexer instead of a trigger.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { migration0011 } from '../../../src/main/core/db/migrations/0011-search-index-batch';
import { searchIndexRepo } from '../../../src/main/core/db/repos/searchIndex';
import { tempDir } from '../../helpers/tempDir';

const note = (id: string, body: string) =>
  `INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES ('${id}', 'i1', 'note', '${body}',
    'me', 1)`;

describe('migration 0011 (batched notes search index)', () => {
  it('upgrades an older file: existing notes stay searchable and count as indexed', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < migration0011.version) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      for (let i = 1; i <= 5; i++) old.exec(note(`n${i}`, `disk full on node${i}`));
      old.exec("DELETE FROM notes WHERE id = 'n2'");
      old.close();

      // Through the latest schema: the indexer below (searchIndexRepo) is written against it (0016 adds the terms).
      const db = openDatabase(file, { migrations });
      expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
      const match = (w: string) =>
        db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid').pluck().all(w);
      expect(match('disk')).toEqual([1, 3, 4, 5]);
      expect(db.prepare('SELECT name, upto FROM search_index_state').all()).toEqual([{ name: 'notes', upto: 5 }]);
      const triggers = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'notes' ORDER BY name")
        .pluck()
        .all();
      expect(triggers).toEqual(['notes_fts_ad', 'notes_fts_au']);
      db.prepare("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)").run();

      // A new note is no longer indexed by its insert; the indexer adds it and advances upto.
      db.exec(note('n6', 'disk replaced'));
      expect(match('replaced')).toEqual([]);
      const repo = searchIndexRepo(db);
      expect(repo.hasPending()).toBe(true);
      expect(db.transaction(() => repo.indexNext(100))()).toBe(1);
      expect(match('replaced')).toEqual([6]);
      expect(repo.upto()).toBe(6);
      expect(repo.hasPending()).toBe(false);
      db.prepare("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)").run();
      db.close();
    } finally {
      d.cleanup();
    }
  });

  it('starts an empty database at upto 0', () => {
    const d = tempDir();
    try {
      const db = openDatabase(join(d.path, 'x.sqlite'), {
        migrations: migrations.filter((m) => m.version <= migration0011.version),
      });
      expect(db.prepare("SELECT upto FROM search_index_state WHERE name = 'notes'").pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
