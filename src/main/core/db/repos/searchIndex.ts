// SQL for the batched notes search index: how far notes_fts reaches (upto) and adding the next notes past it, with
// their terms to the vocabulary (search_terms) that prefix searches expand from.
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export const searchIndexRepo = perDb((db: Database.Database) => {
  const upto = db.prepare<[], number>("SELECT upto FROM search_index_state WHERE name = 'notes'").pluck();
  const pending = db
    .prepare<[], number>(
      "SELECT EXISTS (SELECT 1 FROM notes WHERE seq > (SELECT upto FROM search_index_state WHERE name = 'notes'))",
    )
    .pluck();
  const batchEnd = db
    .prepare<[number, number], number | null>(
      'SELECT max(seq) FROM (SELECT seq FROM notes WHERE seq > ? ORDER BY seq LIMIT ?)',
    )
    .pluck();
  const insert = db.prepare<[number, number]>(
    'INSERT INTO notes_fts (rowid, body) SELECT seq, body FROM notes WHERE seq > ? AND seq <= ? ORDER BY seq',
  );
  // The batch's terms into the vocabulary (migration 0016): through the scratch index, so they are folded exactly as
  // notes_fts folds them, with how many of the batch's notes have each.
  const scratch = db.prepare<[number, number]>(
    'INSERT INTO search_terms_scratch (rowid, body) ' +
      'SELECT seq, body FROM notes WHERE seq > ? AND seq <= ? ORDER BY seq',
  );
  const addTerms = db.prepare(
    `INSERT INTO search_terms (term, docs) SELECT term, doc FROM search_terms_scratch_vocab WHERE true
       ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs`,
  );
  const clearScratch = db.prepare("INSERT INTO search_terms_scratch (search_terms_scratch) VALUES ('delete-all')");
  const advance = db.prepare<[number]>("UPDATE search_index_state SET upto = ? WHERE name = 'notes'");

  return {
    /** The highest seq known to be in notes_fts (every lower one is too). */
    upto(): number {
      const u = upto.get();
      if (u === undefined) throw new Error('search_index_state has no row for notes');
      return u;
    },
    /** A cheap read: is any saved note missing from notes_fts? */
    hasPending: () => pending.get() === 1,
    /** Inside a write transaction: indexes up to `limit` notes past upto, adds their terms to search_terms, and
     * advances upto; returns how many. */
    indexNext(limit: number): number {
      const from = this.upto();
      const to = batchEnd.get(from, limit) ?? null;
      if (to === null) return 0;
      const n = insert.run(from, to).changes;
      scratch.run(from, to);
      addTerms.run();
      clearScratch.run();
      advance.run(to);
      return n;
    },
  };
});
