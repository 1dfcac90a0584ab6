// Migration 0012: outbox_jobs.checks (bounded checks of uncertain jobs) and vendor reachability on vendor_state.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { outboxRepo } from '../../../src/main/core/db/repos/outbox';
import { vendorStateRepo } from '../../../src/main/core/db/repos/vendorState';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0012 (needs you, reachability)', () => {
  const upgradesAnOlderFile =
    'upgrades an older file: existing jobs start with no checks, vendor state keeps its token state and is reachable';
  it(upgradesAnOlderFile, () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 12) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      old.exec(`INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, attempts,
        next_at, created_at, updated_at)
                VALUES ('u1', 'i1', 'freshdesk', 'freshdesk.reply', '{"body":"x"}', 'freshdesk:i1', 'uncertain', 1,
                  5, 1, 1)`);
      old.exec(
        "INSERT INTO vendor_state (vendor, state, reason, paused_until, updated_at) VALUES ('slack', 'reconnect', " +
          "'token_revoked', NULL, 1)",
      );
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 12) });
      expect(db.pragma('user_version', { simple: true })).toBe(12);
      expect(outboxRepo(db).get('u1')).toMatchObject({ state: 'uncertain', attempts: 1, checks: 0 });
      const vs = vendorStateRepo(db);
      expect(vs.get('slack')).toMatchObject({ state: 'reconnect', reason: 'token_revoked', unreachable: null });
      // The new columns hold reachability, and any answer clears it.
      expect(vs.unreachable('pagerduty', 'PagerDuty cannot be reached.', 'ECONNRESET', 100)).toBe(true);
      expect(vs.unreachable('pagerduty', 'PagerDuty cannot be reached.', 'ETIMEDOUT', 200)).toBe(false);
      expect(vs.get('pagerduty').unreachable).toEqual({
        since: 100,
        reason: 'PagerDuty cannot be reached.',
        error: 'ETIMEDOUT',
      });
      expect(vs.reached('pagerduty', 300)).toBe(true);
      expect(vs.get('pagerduty').unreachable).toBeNull();
      // checks is NOT NULL with a default: old-style inserts still work.
      db.exec(`INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, created_at, updated_at)
               VALUES ('q1', 'i1', 'slack', 'slack.postMessage', '{"text":"x"}', 'slack:i1', 2, 2)`);
      expect(outboxRepo(db).get('q1')?.checks).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
