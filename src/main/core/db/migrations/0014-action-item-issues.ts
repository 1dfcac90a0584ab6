// 0014: action items become GitHub issues. Each item may name its own repository (else the GitHub connection's
// default), and keeps the issue Conn opened (or that someone linked) with its last known state, when that was read,
// and the ETag that lets the next read cost nothing when nothing changed.
import type { Migration } from './types';

export const migration0014: Migration = {
  version: 14,
  name: 'action-item-issues',
  up: (db) => {
    db.exec(`
      ALTER TABLE report_action_items ADD COLUMN repo TEXT;
      ALTER TABLE report_action_items ADD COLUMN issue_number INTEGER;
      ALTER TABLE report_action_items ADD COLUMN issue_state TEXT CHECK (issue_state IN ('open', 'closed'));
      ALTER TABLE report_action_items ADD COLUMN issue_closed_at INTEGER;
      ALTER TABLE report_action_items ADD COLUMN issue_checked_at INTEGER;
      ALTER TABLE report_action_items ADD COLUMN issue_etag TEXT;
      CREATE INDEX report_items_with_issue ON report_action_items(issue_checked_at) WHERE issue_url IS NOT NULL;
    `);
  },
};
