// 0011: the notes search index is filled in batches after the append commits, not by a trigger inside it.
import type { Migration } from './types';

/**
 * search_index_state.upto for 'notes' is the invariant the indexer (services/searchIndex.ts) keeps: every note with
 * seq <= upto is in notes_fts with its current body, and no note with seq > upto is. An external-content FTS5 index
 * must only be told to delete what it holds, so the edit and delete triggers touch notes_fts only for indexed rows.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'search-index-batch',
  up: (db) => {
    db.exec(`
      DROP TRIGGER notes_fts_ai;
      DROP TRIGGER notes_fts_au;
      DROP TRIGGER notes_fts_ad;

      CREATE TABLE search_index_state (
        name TEXT PRIMARY KEY,
        upto INTEGER NOT NULL
      ) STRICT;
      -- Every note written so far was indexed by the old trigger.
      INSERT INTO search_index_state (name, upto) SELECT 'notes', coalesce(max(seq), 0) FROM notes;

      CREATE TRIGGER notes_fts_au AFTER UPDATE OF body ON notes
        WHEN old.seq <= (SELECT upto FROM search_index_state WHERE name = 'notes')
      BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        INSERT INTO notes_fts(rowid, body) VALUES (new.seq, new.body);
      END;

      -- One trigger, in this order: forget the row's tokens while upto still says it is indexed, then pull upto
      -- down when the newest notes are gone, because seq (no AUTOINCREMENT) is reused from max(seq) + 1 and a
      -- reused seq must count as not indexed.
      CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body)
          SELECT 'delete', old.seq, old.body
           WHERE old.seq <= (SELECT upto FROM search_index_state WHERE name = 'notes');
        UPDATE search_index_state SET upto = (SELECT coalesce(max(seq), 0) FROM notes)
         WHERE name = 'notes' AND upto > (SELECT coalesce(max(seq), 0) FROM notes);
      END;
    `);
  },
};
