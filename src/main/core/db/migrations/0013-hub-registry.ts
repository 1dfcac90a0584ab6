// 0013: the hub registry (clusters and their hubs, with how to reach each community), an incident's blast radius,
// and the hubs' health as probed while the incident is open.
import type { Migration } from './types';

export const migration0013: Migration = {
  version: 13,
  name: 'hub-registry',
  up: (db) => {
    db.exec(`
      CREATE TABLE registry_clusters (
        name         TEXT PRIMARY KEY,
        provider     TEXT NOT NULL,
        region       TEXT,
        -- The provider block as found (unknown keys kept), JSON.
        provider_config TEXT NOT NULL DEFAULT '{}',
        source_file  TEXT,
        imported_at  INTEGER NOT NULL
      ) STRICT;

      -- id is '<cluster>/<name>'. Contacts are Conn's own: an import never overwrites them.
      CREATE TABLE registry_hubs (
        id                TEXT PRIMARY KEY,
        cluster           TEXT NOT NULL REFERENCES registry_clusters(name) ON DELETE CASCADE,
        name              TEXT NOT NULL,
        display_name      TEXT NOT NULL,
        domain            TEXT NOT NULL,
        helm_chart        TEXT,
        community         TEXT,
        freshdesk_company TEXT,
        requester_email   TEXT,
        source_line       INTEGER,
        updated_at        INTEGER NOT NULL,
        UNIQUE (cluster, name)
      ) STRICT;

      -- The blast radius picked for an incident: one hub, a cluster or a provider/region.
      CREATE TABLE incident_scope (
        incident_id TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('hub', 'cluster', 'region')),
        value       TEXT NOT NULL,
        set_at      INTEGER NOT NULL
      ) STRICT;

      -- The hubs an incident affects, as they were when added (a later registry edit does not rewrite history).
      CREATE TABLE incident_hubs (
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        hub_id      TEXT NOT NULL,
        name        TEXT NOT NULL,
        cluster     TEXT NOT NULL,
        domain      TEXT NOT NULL,
        community   TEXT,
        -- 'scope' (from the scope) or 'manual' (added by the commander); excluded = removed by the commander.
        origin      TEXT NOT NULL CHECK (origin IN ('scope', 'manual')),
        excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
        added_at    INTEGER NOT NULL,
        PRIMARY KEY (incident_id, hub_id)
      ) STRICT;

      -- Each hub's probed state for an incident, and every change of it (the evidence for impact start/end).
      CREATE TABLE hub_health (
        incident_id     TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        hub_id          TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('up', 'down', 'unknown')),
        since           INTEGER NOT NULL,
        last_checked_at INTEGER NOT NULL,
        detail          TEXT NOT NULL,
        PRIMARY KEY (incident_id, hub_id)
      ) STRICT;
      CREATE TABLE hub_health_changes (
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        hub_id      TEXT NOT NULL,
        at          INTEGER NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('up', 'down', 'unknown')),
        detail      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hub_health_changes_by_incident ON hub_health_changes(incident_id, at);

      -- Impact end as accepted by the commander (impact start lives on the incident).
      CREATE TABLE incident_impact (
        incident_id   TEXT PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        impact_end_at INTEGER,
        end_evidence  TEXT
      ) STRICT;
    `);
  },
};
