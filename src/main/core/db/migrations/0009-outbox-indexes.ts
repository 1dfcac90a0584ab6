// 0009: indexes the dispatcher's hot queries need so a pass costs O(streams), not O(all jobs ever sent).
import type { Migration } from './types';

export const migration0009: Migration = {
  version: 9,
  name: 'outbox-indexes',
  up: (db) => {
    db.exec(`
      -- Only unfinished jobs: finding each stream's head skips the (ever-growing) sent history.
      CREATE INDEX outbox_open_by_order ON outbox_jobs(order_key, created_at, id)
        WHERE state NOT IN ('sent', 'discarded');
      -- An incident's link-making jobs (channel, PagerDuty incident), without scanning every sent job. Partial:
      -- posts and notes never touch it.
      CREATE INDEX outbox_links_by_incident ON outbox_jobs(incident_id, kind)
        WHERE kind IN ('slack.createChannel', 'pagerduty.createIncident');
      -- No query reads it, and every state change paid for it (one more page in each claim and settle).
      DROP INDEX outbox_by_vendor_state;
    `);
  },
};
