// 0005: what the outbox dispatcher needs: a lease (owner + claim time) per job, and per-vendor connection state.
import type { Migration } from './types';

export const migration0005: Migration = {
  version: 5,
  name: 'outbox-dispatch',
  up: (db) => {
    db.exec(`
      -- lease_owner fences a stale dispatcher: only the claimant may settle; claimed_at bounds reconcile reads.
      ALTER TABLE outbox_jobs ADD COLUMN lease_owner TEXT;
      ALTER TABLE outbox_jobs ADD COLUMN claimed_at INTEGER;
      CREATE INDEX outbox_by_vendor_state ON outbox_jobs(vendor, state);

      -- 'reconnect' pauses every job of the vendor (revoked token); paused_until holds a rate-limit wait across
      -- restarts.
      CREATE TABLE vendor_state (
        vendor       TEXT PRIMARY KEY,
        state        TEXT NOT NULL CHECK (state IN ('ok', 'reconnect')),
        reason       TEXT,
        paused_until INTEGER,
        updated_at   INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
