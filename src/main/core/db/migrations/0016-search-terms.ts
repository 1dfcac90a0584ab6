// 0016: the vocabulary of the notes search index, so a typed prefix expands into a few exact terms (services/
// ftsQuery.ts) instead of an FTS5 prefix query, which merges the doclists of every term with that prefix before it
// can walk them newest first (tens to hundreds of milliseconds on a million notes).
import type { Migration } from './types';

/**
 * search_terms holds every term notes_fts has been given, as its tokenizer folded it, with how many notes were
 * indexed with it. It only grows: a term whose notes were edited or deleted stays (expanding to it then matches
 * nothing), and `docs` is not decremented, so it is only a measure of how common a term is, for choosing among
 * completions. search_terms_scratch is a contentless index with the same tokenizer that terms pass through on their
 * way in (its vocabulary is read into search_terms, then it is emptied), so a term is folded exactly as notes_fts
 * folds it; the indexer (db/repos/searchIndex.ts) and the edit trigger use it in their own transaction.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'search-terms',
  up: (db) => {
    db.exec(`
      CREATE TABLE search_terms (
        term TEXT PRIMARY KEY,
        docs INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      -- The terms in many notes: a short prefix's commonest completions without reading all of its rare ones.
      CREATE INDEX search_terms_common ON search_terms(term, docs) WHERE docs >= 64;

      -- No positions or sizes: only which terms each note has (half the cost of a full index).
      CREATE VIRTUAL TABLE search_terms_scratch USING fts5(
        body, content='', detail=none, columnsize=0, tokenize='unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE search_terms_scratch_vocab USING fts5vocab(search_terms_scratch, 'row');

      -- The terms of every note indexed so far, once, from the index itself.
      CREATE VIRTUAL TABLE temp.search_terms_fill USING fts5vocab(main, notes_fts, 'row');
      INSERT INTO search_terms (term, docs) SELECT term, doc FROM temp.search_terms_fill;
      DROP TABLE temp.search_terms_fill;

      -- An edit of an indexed note re-indexes it here (0011); its new terms join the vocabulary in the same step.
      DROP TRIGGER notes_fts_au;
      CREATE TRIGGER notes_fts_au AFTER UPDATE OF body ON notes
        WHEN old.seq <= (SELECT upto FROM search_index_state WHERE name = 'notes')
      BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        INSERT INTO notes_fts(rowid, body) VALUES (new.seq, new.body);
        INSERT INTO search_terms_scratch(rowid, body) VALUES (new.seq, new.body);
        INSERT INTO search_terms (term, docs) SELECT term, doc FROM search_terms_scratch_vocab WHERE true
          ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs;
        INSERT INTO search_terms_scratch(search_terms_scratch) VALUES ('delete-all');
      END;
    `);
  },
};
