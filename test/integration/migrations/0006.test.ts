import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0006 (report drafts and action items)', () => {
  it('creates STRICT report tables tied to incidents, with a status check and cascading deletes', () => {
    const d = tempDir();
    try {
      const upTo6 = migrations.filter((m) => m.version <= 6);
      const db = openDatabase(join(d.path, 'x.sqlite'), { migrations: upTo6 });
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'report_drafts'").pluck().get() as string;
      expect(sql).toMatch(/STRICT/);
      const cols = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('report_drafts');
      expect(cols).toEqual(
        expect.arrayContaining([
          'impact_start',
          'impact_end',
          'timezone',
          'status',
          'overview',
          'went_badly',
          'version',
        ]),
      );
      db.prepare(
        "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i', 't', 'declared', 1, 1)",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO report_drafts (incident_id, impact_start, created_at, updated_at) VALUES ('missing', 1, 1, 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO report_drafts (incident_id, impact_start, status, created_at, updated_at) VALUES ('i', 1, " +
              "'published', 1, 1)",
          )
          .run(),
      ).toThrow(/CHECK/);
      db.prepare(
        "INSERT INTO report_drafts (incident_id, impact_start, created_at, updated_at) VALUES ('i', 1, 1, 1)",
      ).run();
      db.prepare(
        "INSERT INTO report_action_items (id, incident_id, position, what, created_at, updated_at) VALUES ('a', 'i', " +
          "1, 'w', 1, 1)",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO report_action_items (id, incident_id, position, what, created_at, updated_at) VALUES ('b', " +
              "'i', 'x', 'w', 1, 1)",
          )
          .run(),
      ).toThrow(/cannot store TEXT value in INTEGER column/);
      db.prepare("DELETE FROM incidents WHERE id = 'i'").run();
      expect(db.prepare('SELECT count(*) FROM report_action_items').pluck().get()).toBe(0);
      expect(db.prepare('SELECT status FROM report_drafts').all()).toEqual([]);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
