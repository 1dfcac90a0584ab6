// SQL for full-text search over notes (notes_fts) and other timeline entries (timeline_fts), ranked by bm25.
import type Database from 'better-sqlite3';

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

export function searchRepo(db: Database.Database) {
  const query = db.prepare<{ q: string; limit: number }, SearchRow>(`
    SELECT 'note' AS type, n.incident_id, i.title AS incident_title, n.id AS note_id, t.id AS entry_id,
           n.kind, 'note' AS source, n.created_at AS at,
           snippet(notes_fts, 0, char(57344), char(57345), '…', 16) AS snip, bm25(notes_fts) AS rank
      FROM notes_fts
      JOIN notes n ON n.seq = notes_fts.rowid
      JOIN incidents i ON i.id = n.incident_id
      LEFT JOIN timeline_entries t ON t.ref_id = n.id AND t.source = 'note'
     WHERE notes_fts MATCH @q
    UNION ALL
    SELECT 'timeline', t.incident_id, i.title, NULL, t.id, t.kind, t.source, t.at,
           snippet(timeline_fts, -1, char(57344), char(57345), '…', 16), bm25(timeline_fts)
      FROM timeline_fts
      JOIN timeline_entries t ON t.id = timeline_fts.entry_id
      JOIN incidents i ON i.id = t.incident_id
     WHERE timeline_fts MATCH @q
    ORDER BY rank, at DESC
    LIMIT @limit`);
  return {
    /** `q` must come from toFtsQuery(); FTS5 syntax errors still surface as SqliteError. */
    query: (q: string, limit: number) => query.all({ q, limit }),
  };
}
