// 0004: notes (with append-only revisions and drafts), full-text indexes for notes and timeline.
import type { Migration } from './types';

export const migration0004: Migration = {
  version: 4,
  name: 'notes',
  up: (db) => {
    db.exec(`
      -- seq is the stable rowid the FTS index points at (an implicit rowid may change on VACUUM).
      CREATE TABLE notes (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('note','finding','action','decision','command','status')),
        body        TEXT NOT NULL,
        author      TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        pinned      INTEGER NOT NULL DEFAULT 0,
        edited_at   INTEGER,
        client_id   TEXT
      ) STRICT;
      CREATE INDEX notes_by_incident ON notes(incident_id, created_at, seq);
      CREATE INDEX notes_pinned ON notes(incident_id, pinned) WHERE pinned = 1;
      CREATE UNIQUE INDEX notes_by_client_id ON notes(incident_id, client_id) WHERE client_id IS NOT NULL;

      -- Every earlier version of an edited note, kept forever: rows are only ever inserted.
      CREATE TABLE note_revisions (
        note_id     TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        rev         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        written_at  INTEGER NOT NULL,
        replaced_at INTEGER NOT NULL,
        PRIMARY KEY (note_id, rev)
      ) STRICT;
      CREATE TRIGGER note_revisions_append_only BEFORE UPDATE ON note_revisions
      BEGIN SELECT RAISE(ABORT, 'note revisions are append-only'); END;

      CREATE TABLE note_drafts (
        incident_id TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;

      -- Notes index: external content, kept in step by triggers inside the writing transaction.
      CREATE VIRTUAL TABLE notes_fts USING fts5(
        body, content='notes', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
        INSERT INTO notes_fts(rowid, body) VALUES (new.seq, new.body);
      END;
      CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.seq, old.body);
      END;
      CREATE TRIGGER notes_fts_au AFTER UPDATE OF body ON notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.seq, old.body);
        INSERT INTO notes_fts(rowid, body) VALUES (new.seq, new.body);
      END;

      -- Timeline index for everything that is not a note (notes are searched through notes_fts).
      CREATE VIRTUAL TABLE timeline_fts USING fts5(
        body, summary, entry_id UNINDEXED, tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER timeline_fts_ai AFTER INSERT ON timeline_entries WHEN new.source <> 'note' BEGIN
        INSERT INTO timeline_fts(body, summary, entry_id) VALUES (new.body, coalesce(new.summary, ''), new.id);
      END;
      CREATE TRIGGER timeline_fts_ad AFTER DELETE ON timeline_entries WHEN old.source <> 'note' BEGIN
        DELETE FROM timeline_fts WHERE entry_id = old.id;
      END;
      CREATE TRIGGER timeline_fts_au AFTER UPDATE OF body, summary ON timeline_entries WHEN new.source <> 'note' BEGIN
        DELETE FROM timeline_fts WHERE entry_id = old.id;
        INSERT INTO timeline_fts(body, summary, entry_id) VALUES (new.body, coalesce(new.summary, ''), new.id);
      END;
      INSERT INTO timeline_fts(body, summary, entry_id)
        SELECT body, coalesce(summary, ''), id FROM timeline_entries WHERE source <> 'note';

      -- Filtered timeline paging and finding a note's entry.
      CREATE INDEX timeline_by_source ON timeline_entries(incident_id, source, at, id);
      CREATE INDEX timeline_by_ref ON timeline_entries(ref_id) WHERE ref_id IS NOT NULL;
    `);
  },
};
