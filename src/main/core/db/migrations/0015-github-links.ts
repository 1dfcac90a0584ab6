// 0015: GitHub issues and pull requests linked from an incident's record (notes, Slack messages, ticket replies), as
// last read from GitHub with the ETag to ask again politely; their opened/merged/closed moments become timeline
// entries from source 'github', once each (the vendor-ref index now covers 'github' too).
import type { Migration } from './types';

export const migration0015: Migration = {
  version: 15,
  name: 'github-links',
  up: (db) => {
    db.exec(`
      CREATE TABLE github_links (
        incident_id    TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        -- owner and repo lower-case (GitHub's names are case-insensitive); url keeps them as written.
        owner          TEXT NOT NULL,
        repo           TEXT NOT NULL,
        number         INTEGER NOT NULL CHECK (number > 0),
        kind           TEXT NOT NULL CHECK (kind IN ('issue', 'pull')),
        url            TEXT NOT NULL,
        title          TEXT,
        state          TEXT CHECK (state IN ('open', 'closed', 'merged')),
        etag           TEXT,
        opened_at      INTEGER,
        merged_at      INTEGER,
        closed_at      INTEGER,
        found_at       INTEGER NOT NULL,
        last_polled_at INTEGER,
        next_poll_at   INTEGER NOT NULL DEFAULT 0,
        problem        TEXT,
        PRIMARY KEY (incident_id, owner, repo, number)
      ) STRICT;
      CREATE INDEX github_links_due ON github_links(next_poll_at);

      DROP INDEX timeline_vendor_ref;
      CREATE UNIQUE INDEX timeline_vendor_ref ON timeline_events(incident_id, source, ref_id)
        WHERE source IN ('slack', 'pagerduty', 'freshdesk', 'github') AND ref_id IS NOT NULL;
    `);
  },
};
