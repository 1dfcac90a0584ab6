// Migration 0007: the update clock per incident and the sent status updates, tied to incidents.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0007 (update cadence and status updates)', () => {
  it('upgrades a version-6 file, keeps its incidents, and enforces keys and limits', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const before = migrations.filter((m) => m.version < 7);
      const old = openDatabase(file, { migrations: before });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      expect(old.pragma('user_version', { simple: true })).toBe(6);
      old.close();

      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
      expect(db.prepare('SELECT title FROM incidents').pluck().get()).toBe('Hub down');
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('update_cadence')).toEqual([
        'incident_id',
        'cadence_minutes',
        'last_public_update_at',
        'snoozed_until',
        'updated_at',
      ]);
      db.prepare("INSERT INTO update_cadence (incident_id, updated_at) VALUES ('i1', 2)").run();
      expect(db.prepare('SELECT cadence_minutes FROM update_cadence').pluck().get()).toBe(180);
      expect(() => db.prepare("INSERT INTO update_cadence (incident_id, updated_at) VALUES ('nope', 2)").run()).toThrow(
        /FOREIGN KEY/,
      );
      expect(() => db.prepare('UPDATE update_cadence SET cadence_minutes = 5').run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE update_cadence SET cadence_minutes = 'often'").run()).toThrow(
        /cannot store TEXT/,
      );
      expect(() =>
        db.prepare("INSERT INTO status_updates (id, incident_id, body, sent_at) VALUES ('u', 'nope', 'b', 1)").run(),
      ).toThrow(/FOREIGN KEY/);
      db.prepare("INSERT INTO status_updates (id, incident_id, body, sent_at) VALUES ('u', 'i1', 'b', 1)").run();
      db.prepare("DELETE FROM incidents WHERE id = 'i1'").run();
      expect(db.prepare('SELECT count(*) FROM update_cadence').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM status_updates').pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
