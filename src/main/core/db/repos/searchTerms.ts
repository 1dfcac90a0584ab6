// SQL for the search vocabulary (search_terms, migration 0016): the indexed terms a typed prefix completes to, and
// the index's own tokenizer, so a typed word is folded exactly as notes_fts folded the notes.
import Database from 'better-sqlite3';
import { perDb } from '../perDb';

/** Past this many completions a prefix is too short to be worth them all: see completions(). */
export const COMPLETIONS_CAP = 64;
/** The highest code point: every term that starts with a prefix sorts below prefix + this. */
const LAST = '\u{10FFFF}';

export interface Completions {
  /** Exact terms to search for instead of the prefix, each one indexed at some time. */
  terms: string[];
  /** True when the prefix had more completions than the cap: the terms are the prefix itself and its commonest. */
  capped: boolean;
}

export const searchTermsRepo = perDb((db: Database.Database) => {
  const inOrder = db
    .prepare<[string, string, number], string>(
      'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?',
    )
    .pluck();
  const commonest = db
    .prepare<[string, string, string, number], string>(
      'SELECT term FROM search_terms WHERE term > ? AND term < ? AND term <> ? ORDER BY docs DESC, term LIMIT ?',
    )
    .pluck();
  // The same among the terms in at least 64 notes (a partial index, migration 0016): when it finds enough, they are
  // the commonest of all, and a one-letter prefix does not read the 100,000 rare terms (ids, hashes) it completes to.
  const commonestOfCommon = db
    .prepare<[string, string, string, number], string>(
      'SELECT term FROM search_terms WHERE docs >= 64 AND term > ? AND term < ? AND term <> ? ' +
        'ORDER BY docs DESC, term LIMIT ?',
    )
    .pluck();
  return {
    /** The indexed terms that start with `prefix` (already folded), all of them up to `cap`; past it the prefix itself
     * (a word the person may have typed whole) and the cap - 1 commonest, which keeps a one-letter search fast. */
    completions(prefix: string, cap = COMPLETIONS_CAP): Completions {
      const upper = prefix + LAST;
      const all = inOrder.all(prefix, upper, cap + 1);
      if (all.length <= cap) return { terms: all, capped: false };
      let common = commonestOfCommon.all(prefix, upper, prefix, cap - 1);
      if (common.length < cap - 1) common = commonest.all(prefix, upper, prefix, cap - 1);
      return { terms: [prefix, ...common], capped: true };
    },
  };
});

let tokenizer: ((text: string) => string[]) | null = null;

/** The tokens of `text` in order, as notes_fts's tokenizer (unicode61 remove_diacritics 2) makes them: lower case,
 * accents removed, split where it splits. A private in-memory index, so it never touches the app's database. */
export function ftsTokens(text: string): string[] {
  if (!tokenizer) {
    const mem = new Database(':memory:');
    mem.exec(`
      CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
    `);
    const add = mem.prepare<[string]>('INSERT INTO t (rowid, body) VALUES (1, ?)');
    const read = mem.prepare<[], string>('SELECT term FROM v ORDER BY offset').pluck();
    const clear = mem.prepare('DELETE FROM t WHERE rowid = 1');
    tokenizer = (s) => {
      add.run(s);
      try {
        return read.all();
      } finally {
        clear.run();
      }
    };
  }
  return tokenizer(text);
}
