// 0010: a note is its own timeline entry. The timeline becomes a view over the other happenings and the notes, so
// saving a note writes one row (and its index pages) instead of two rows that copy the same text.
import type { Migration } from './types';

export const migration0010: Migration = {
  version: 10,
  name: 'notes-on-timeline',
  up: (db) => {
    db.exec(`
      -- The report flags a note's entry carried now live on the note.
      ALTER TABLE notes ADD COLUMN in_report INTEGER NOT NULL DEFAULT 1 CHECK (in_report IN (0, 1));
      ALTER TABLE notes ADD COLUMN summary TEXT;
      UPDATE notes SET in_report = t.in_report, summary = t.summary
        FROM timeline_entries t WHERE t.source = 'note' AND t.ref_id = notes.id;
      DELETE FROM timeline_entries WHERE source = 'note';

      -- Everything that is not a note (declared, roles, checklist, updates, imports, ...). Its indexes and full-text
      -- triggers follow the rename.
      ALTER TABLE timeline_entries RENAME TO timeline_events;

      -- Notes in timeline order (at, id), so the view's two halves merge without sorting. Note pages use it too.
      DROP INDEX notes_by_incident;
      CREATE INDEX notes_by_incident ON notes(incident_id, created_at, id);

      -- What every reader of the timeline sees. A note's entry has the note's id; ref_id also names the note.
      -- Each column has the same affinity in both halves (hence the CAST), which lets SQLite flatten the view into
      -- a merge of two index scans instead of materialising and sorting an incident's whole timeline.
      CREATE VIEW timeline_entries AS
        SELECT id, incident_id, at, source, kind, body, actor, ref_id, in_report, summary, recorded_at
          FROM timeline_events
        UNION ALL
        SELECT id, incident_id, created_at, CAST('note' AS TEXT), kind, body, author, id, in_report, summary, created_at
          FROM notes;
    `);
  },
};
