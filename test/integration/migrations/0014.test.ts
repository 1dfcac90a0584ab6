// Migration 0014 (action-item-issues): an older file's action items keep their text and hand-linked issue, and gain
// the repository override and the issue's state columns (open or closed only).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { migration0014 } from '../../../src/main/core/db/migrations/0014-action-item-issues';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0014 (action-item issues)', () => {
  it('upgrades an older file: items kept, issue columns empty, state checked', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < migration0014.version) });
      old.exec(`
        INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'resolved', 1, 1);
        INSERT INTO report_drafts (incident_id, owner, impact_start, timezone, created_at, updated_at)
          VALUES ('i1', 'Alice', 1, 'UTC', 1, 1);
        INSERT INTO report_action_items (id, incident_id, position, what, issue_url, created_at, updated_at)
          VALUES ('a1', 'i1', 1, 'Add a quota alert', 'https://github.com/o/r/issues/4', 1, 1);
      `);
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= migration0014.version) });
      expect(db.pragma('user_version', { simple: true })).toBe(14);
      expect(db.prepare('SELECT * FROM report_action_items').all()).toEqual([
        expect.objectContaining({
          id: 'a1',
          what: 'Add a quota alert',
          issue_url: 'https://github.com/o/r/issues/4',
          repo: null,
          issue_number: null,
          issue_state: null,
          issue_closed_at: null,
          issue_checked_at: null,
          issue_etag: null,
        }),
      ]);
      db.exec("UPDATE report_action_items SET issue_state = 'closed', issue_number = 4, repo = 'o/r' WHERE id = 'a1'");
      expect(() => db.exec("UPDATE report_action_items SET issue_state = 'merged' WHERE id = 'a1'")).toThrow(/CHECK/);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
