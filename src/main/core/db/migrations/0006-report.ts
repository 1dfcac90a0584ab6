// 0006: the incident report draft (one per incident) and its action items.
import type { Migration } from './types';

export const migration0006: Migration = {
  version: 6,
  name: 'report',
  up: (db) => {
    db.exec(`
      CREATE TABLE report_drafts (
        incident_id   TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        -- NULL title: follow the incident's title
        title         TEXT,
        owner         TEXT NOT NULL DEFAULT '',
        impact_start  INTEGER NOT NULL,
        impact_end    INTEGER,
        timezone      TEXT NOT NULL DEFAULT 'UTC',
        status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'closed')),
        -- NULL section: not written yet (the UI shows Conn's proposal, if any)
        overview      TEXT,
        what_happened TEXT,
        resolution    TEXT,
        lucky         TEXT,
        went_well     TEXT,
        went_badly    TEXT,
        version       INTEGER NOT NULL DEFAULT 1,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE report_action_items (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES report_drafts(incident_id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        what        TEXT NOT NULL,
        done_when   TEXT NOT NULL DEFAULT '',
        owner       TEXT NOT NULL DEFAULT '',
        issue_url   TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX report_items_by_incident ON report_action_items(incident_id, position);
    `);
  },
};
