// 0002: the durable outbox (vendor requests written with the change that caused them) and settings.
import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'outbox-settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox_jobs (
        id          TEXT PRIMARY KEY,
        incident_id TEXT REFERENCES incidents(id) ON DELETE CASCADE,
        vendor      TEXT NOT NULL,
        kind        TEXT NOT NULL,
        payload     TEXT NOT NULL,
        -- jobs with the same order_key are sent strictly in creation order
        order_key   TEXT NOT NULL,
        state       TEXT NOT NULL DEFAULT 'queued',
        attempts    INTEGER NOT NULL DEFAULT 0,
        next_at     INTEGER,
        last_error  TEXT,
        result      TEXT,
        ref_type    TEXT,
        ref_id      TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox_jobs(state, next_at);
      CREATE INDEX outbox_by_ref ON outbox_jobs(ref_type, ref_id);
      CREATE INDEX outbox_by_order ON outbox_jobs(order_key, created_at, id);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
