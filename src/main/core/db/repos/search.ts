// SQL for full-text search over notes (notes_fts) and other timeline entries (timeline_fts). Each search's work
// is bounded: FTS5 finds the newest SEARCH_POOL matches of each index (walking doclists newest first, no bm25,
// whose document counts cost as much as every match in the history), services/ranking.ts ranks them, and only
// the rows returned are joined to their details.
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

/** How many of the newest matches per index are ranked; older ones are reached with a narrower query. */
export const SEARCH_POOL = 300;
/** Ranking and snippets read the first 4 KiB of a body: pasted logs can be a megabyte, and repeat themselves. */
const TEXT_CAP = 4096;

export interface SearchCandidate {
  type: 'note' | 'timeline';
  /** Insertion order within its index: larger is newer. */
  key: number;
  /** The note's seq or the timeline entry's id. */
  ref: number | string;
  text: string;
}

export interface SearchRow {
  incident_id: string;
  incident_title: string;
  note_id: string | null;
  entry_id: string | null;
  kind: string;
  source: string;
  at: number;
}

export const searchRepo = perDb((db: Database.Database) => {
  const noteCandidates = db.prepare<{ q: string; pool: number }, { key: number; text: string }>(
    `SELECT n.seq AS key, substr(n.body, 1, ${TEXT_CAP}) AS text
       FROM (SELECT rowid FROM notes_fts WHERE notes_fts MATCH @q ORDER BY rowid DESC LIMIT @pool) f
       JOIN notes n ON n.seq = f.rowid`,
  );
  const entryCandidates = db.prepare<{ q: string; pool: number }, { key: number; ref: string; text: string }>(
    `SELECT rowid AS key, entry_id AS ref,
            substr(CASE WHEN summary = '' THEN body ELSE summary || char(10) || body END, 1, ${TEXT_CAP}) AS text
       FROM timeline_fts WHERE timeline_fts MATCH @q ORDER BY rowid DESC LIMIT @pool`,
  );
  const noteDetails = db.prepare<[string], SearchRow & { ref: number }>(`
    SELECT n.seq AS ref, n.incident_id, i.title AS incident_title, n.id AS note_id,
           n.id AS entry_id,
           n.kind, 'note' AS source, n.created_at AS at
      FROM notes n JOIN incidents i ON i.id = n.incident_id
     WHERE n.seq IN (SELECT value FROM json_each(?))`);
  const entryDetails = db.prepare<[string], SearchRow & { ref: string }>(`
    SELECT t.id AS ref, t.incident_id, i.title AS incident_title, NULL AS note_id, t.id AS entry_id, t.kind,
      t.source, t.at
      FROM timeline_events t JOIN incidents i ON i.id = t.incident_id
     WHERE t.id IN (SELECT value FROM json_each(?))`);

  return {
    /** The newest matches of both indexes. `q` must come from toFtsQuery(), `notesQ` may be it with its prefixes
     * expanded from the notes' vocabulary (expandPrefixes), which only covers notes_fts; FTS5 errors surface as
     * SqliteError. */
    candidates(q: string, notesQ = q, pool = SEARCH_POOL): SearchCandidate[] {
      return [
        ...noteCandidates
          .all({ q: notesQ, pool })
          .map((c) => ({ type: 'note' as const, key: c.key, ref: c.key, text: c.text })),
        ...entryCandidates
          .all({ q, pool })
          .map((c) => ({ type: 'timeline' as const, key: c.key, ref: c.ref, text: c.text })),
      ];
    },
    /** Details of the chosen candidates in two queries, in the candidates' order; vanished rows are left out. */
    details(chosen: SearchCandidate[]): Array<{ c: SearchCandidate; row: SearchRow }> {
      const refs = (type: SearchCandidate['type']) =>
        JSON.stringify(chosen.filter((c) => c.type === type).map((c) => c.ref));
      const notes = new Map(noteDetails.all(refs('note')).map((r) => [r.ref, r]));
      const entries = new Map(entryDetails.all(refs('timeline')).map((r) => [r.ref, r]));
      return chosen.flatMap((c) => {
        const row = c.type === 'note' ? notes.get(c.ref as number) : entries.get(c.ref as string);
        return row ? [{ c, row }] : [];
      });
    },
  };
});
