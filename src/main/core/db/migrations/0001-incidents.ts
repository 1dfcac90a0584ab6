// 0001: incidents and the timeline they accumulate.
import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'incidents',
  up: (db) => {
    db.exec(`
      CREATE TABLE incidents (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        hub         TEXT,
        ticket_url  TEXT,
        status      TEXT NOT NULL DEFAULT 'declared',
        declared_at INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incidents_by_declared ON incidents(declared_at DESC);

      CREATE TABLE timeline_entries (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        at          INTEGER NOT NULL,
        source      TEXT NOT NULL,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        actor       TEXT,
        ref_id      TEXT,
        in_report   INTEGER NOT NULL DEFAULT 1,
        summary     TEXT,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX timeline_by_incident ON timeline_entries(incident_id, at, id);
    `);
  },
};
