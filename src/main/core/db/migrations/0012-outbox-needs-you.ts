// 0012: bounded checks of uncertain jobs (then 'needs_you'), and whether each vendor could be reached.
import type { Migration } from './types';

export const migration0012: Migration = {
  version: 12,
  name: 'outbox-needs-you',
  up: (db) => {
    db.exec(`
      -- Checks at the vendor that could not tell whether an uncertain job arrived; at MAX_CHECKS it needs the user.
      -- Existing uncertain jobs start at 0, so they get the full schedule from now on.
      ALTER TABLE outbox_jobs ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;

      -- Set when the last request to the vendor could not reach it (network, timeout, 5xx), cleared by any answer.
      -- unreachable_reason is in plain words; unreachable_error is the raw error shown behind a disclosure.
      ALTER TABLE vendor_state ADD COLUMN unreachable_since INTEGER;
      ALTER TABLE vendor_state ADD COLUMN unreachable_reason TEXT;
      ALTER TABLE vendor_state ADD COLUMN unreachable_error TEXT;
    `);
  },
};
