// Migration 0009: the dispatcher's indexes exist, and the hot queries use them instead of scanning every job.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { outboxDispatchRepo } from '../../../src/main/core/db/repos/outboxDispatch';
import { tempDir } from '../../helpers/tempDir';

const job = (id: string, key: string, state: string, at: number) =>
  `INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, created_at, updated_at)
   VALUES ('${id}', 'i1', 'slack', 'slack.postMessage', '{"text":"x"}', '${key}', '${state}', ${at}, ${at})`;

describe('migration 0009 (outbox indexes)', () => {
  it('upgrades an older file; heads and links are found through the new indexes', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 9) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      old.exec(job('a', 'slack:i1', 'sent', 1));
      old.exec(job('b', 'slack:i1', 'queued', 2));
      old.exec(job('c', 'slack:i1', 'queued', 3));
      old.exec(job('d', 'pagerduty:i1', 'dead', 1));
      old.exec(job('e', 'pagerduty:i1', 'queued', 2));
      old.exec(job('f', 'other', 'discarded', 1));
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 9) });
      expect(db.pragma('user_version', { simple: true })).toBe(9);
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox_jobs'")
        .pluck()
        .all();
      expect(names).toEqual(expect.arrayContaining(['outbox_open_by_order', 'outbox_links_by_incident']));
      expect(names).not.toContain('outbox_by_vendor_state');
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');
      expect(
        plan(
          "SELECT rowid FROM outbox_jobs WHERE order_key = 'x' AND state NOT IN ('sent', 'discarded') ORDER BY " +
            'created_at, id LIMIT 1',
        ),
      ).toMatch(/outbox_open_by_order/);
      expect(
        plan(
          "SELECT result FROM outbox_jobs WHERE incident_id = 'i1' AND kind IN ('slack.createChannel', " +
            "'pagerduty.createIncident') AND state = 'sent'",
        ),
      ).toMatch(/outbox_links_by_incident/);
      db.close();
      // Heads: the oldest unfinished job per stream (a dead one blocks its stream), none for a finished stream. Read
      // through today's repository, which needs today's schema (0012 added outbox_jobs.checks).
      const current = openDatabase(file, { migrations });
      expect(
        outboxDispatchRepo(current)
          .heads()
          .map((h) => h.id),
      ).toEqual(['d', 'b']);
      current.close();
    } finally {
      d.cleanup();
    }
  });
});
