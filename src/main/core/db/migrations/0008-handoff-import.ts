// 0008: imported vendor records without duplicates, an incident's vendor links learnt from a take-over,
// and the handoffs of command.
import type { Migration } from './types';

export const migration0008: Migration = {
  version: 8,
  name: 'handoff-import',
  up: (db) => {
    db.exec(`
      -- One timeline entry per vendor record: ref_id holds the vendor ref (e.g. C123:1759219200.000100).
      CREATE UNIQUE INDEX timeline_vendor_ref ON timeline_entries(incident_id, source, ref_id)
        WHERE source IN ('slack', 'pagerduty', 'freshdesk') AND ref_id IS NOT NULL;

      -- Targets this incident shares with another Conn (found by a take-over), beside those its own jobs created.
      CREATE TABLE incident_links (
        incident_id           TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        pagerduty_incident_id TEXT,
        pagerduty_url         TEXT,
        slack_channel_id      TEXT,
        slack_channel_name    TEXT,
        updated_at            INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX incident_links_by_pagerduty ON incident_links(pagerduty_incident_id)
        WHERE pagerduty_incident_id IS NOT NULL;

      CREATE TABLE handoffs (
        id             TEXT PRIMARY KEY,
        incident_id    TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        from_person_id TEXT,
        to_person_id   TEXT NOT NULL,
        brief          TEXT NOT NULL,
        liaison_moves  INTEGER NOT NULL CHECK (liaison_moves IN (0, 1)),
        created_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX handoffs_by_incident ON handoffs(incident_id, created_at);
    `);
  },
};
