// 0007: each incident's status-update clock (cadence, last public update, snooze) and the updates sent.
// Quiet hours and working hours are per user, not per incident: they live in `settings`.
import type { Migration } from './types';

export const migration0007: Migration = {
  version: 7,
  name: 'updates-reminders',
  up: (db) => {
    db.exec(`
      CREATE TABLE update_cadence (
        incident_id           TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        cadence_minutes       INTEGER NOT NULL DEFAULT 180 CHECK (cadence_minutes BETWEEN 15 AND 1440),
        last_public_update_at INTEGER,
        snoozed_until         INTEGER,
        updated_at            INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE status_updates (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        body        TEXT NOT NULL,
        sent_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX status_updates_by_incident ON status_updates(incident_id, sent_at);
    `);
  },
};
