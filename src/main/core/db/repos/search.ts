// SQL for full-text search over notes (notes_fts) and other timeline entries (timeline_fts), ranked by bm25.
// Two steps keep it fast on large histories: rank candidates inside FTS5 (ORDER BY rank LIMIT, no joins, no
// snippets), then build snippets and join details only for the few rows that are returned.
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export interface SearchRow {
  type: 'note' | 'timeline';
  incident_id: string;
  incident_title: string;
  note_id: string | null;
  entry_id: string | null;
  kind: string;
  source: string;
  at: number;
  snip: string;
  rank: number;
}

export const searchRepo = perDb((db: Database.Database) => {
  // FTS5 sorts by its hidden `rank` column (bm25) itself and evaluates snippet() only for the rows the LIMIT keeps.
  const noteCandidates = db.prepare<{ q: string; limit: number }, { rowid: number; rank: number; snip: string }>(
    `SELECT rowid, rank, snippet(notes_fts, 0, char(57344), char(57345), '…', 16) AS snip
       FROM notes_fts WHERE notes_fts MATCH @q ORDER BY rank LIMIT @limit`,
  );
  const entryCandidates = db.prepare<{ q: string; limit: number }, { entry_id: string; rank: number; snip: string }>(
    `SELECT entry_id, rank, snippet(timeline_fts, -1, char(57344), char(57345), '…', 16) AS snip
       FROM timeline_fts WHERE timeline_fts MATCH @q ORDER BY rank LIMIT @limit`,
  );
  const noteDetails = db.prepare<[number], Omit<SearchRow, 'rank' | 'type' | 'snip'>>(`
    SELECT n.incident_id, i.title AS incident_title, n.id AS note_id,
           (SELECT t.id FROM timeline_entries t WHERE t.ref_id = n.id AND t.source = 'note' LIMIT 1) AS entry_id,
           n.kind, 'note' AS source, n.created_at AS at
      FROM notes n JOIN incidents i ON i.id = n.incident_id
     WHERE n.seq = ?`);
  const entryDetails = db.prepare<[string], Omit<SearchRow, 'rank' | 'type' | 'snip'>>(`
    SELECT t.incident_id, i.title AS incident_title, NULL AS note_id, t.id AS entry_id, t.kind, t.source, t.at
      FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id
     WHERE t.id = ?`);

  return {
    /** `q` must come from toFtsQuery(); FTS5 syntax errors still surface as SqliteError. */
    query(q: string, limit: number): SearchRow[] {
      const rows: SearchRow[] = [];
      for (const c of noteCandidates.all({ q, limit })) {
        const d = noteDetails.get(c.rowid);
        if (d) rows.push({ ...d, type: 'note', snip: c.snip, rank: c.rank });
      }
      for (const c of entryCandidates.all({ q, limit })) {
        const d = entryDetails.get(c.entry_id);
        if (d) rows.push({ ...d, type: 'timeline', snip: c.snip, rank: c.rank });
      }
      rows.sort((a, b) => a.rank - b.rank || b.at - a.at);
      return rows.slice(0, limit);
    },
  };
});
