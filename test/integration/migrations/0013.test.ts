// Migration 0013 (hub-registry): an older file gains the registry, scope and health tables, its incidents intact,
// and the tables' rules hold (hubs go with their cluster, scope kinds and health states are checked).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { migration0013 } from '../../../src/main/core/db/migrations/0013-hub-registry';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0013 (hub registry)', () => {
  it('upgrades an older file: incidents kept, new tables empty and constrained', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < migration0013.version) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= migration0013.version) });
      expect(db.pragma('user_version', { simple: true })).toBe(13);
      expect(db.prepare('SELECT title FROM incidents').pluck().all()).toEqual(['Hub down']);
      for (const table of [
        'registry_clusters',
        'registry_hubs',
        'incident_scope',
        'incident_hubs',
        'hub_health',
        'hub_health_changes',
        'incident_impact',
      ]) {
        expect(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()).toBe(0);
      }
      db.exec(`INSERT INTO registry_clusters (name, provider, imported_at) VALUES ('c', 'gcp', 1);
        INSERT INTO registry_hubs (id, cluster, name, display_name, domain, updated_at) VALUES ('c/a', 'c', 'a',
          'A', 'a.example', 1);`);
      expect(() =>
        db.exec(
          "INSERT INTO registry_hubs (id, cluster, name, display_name, domain, updated_at) VALUES ('c/a2', 'c', 'a', " +
            "'A', 'b', 1)",
        ),
      ).toThrow(/UNIQUE/);
      expect(() =>
        db.exec("INSERT INTO incident_scope (incident_id, kind, value, set_at) VALUES ('i1', 'planet', 'x', 1)"),
      ).toThrow(/CHECK/);
      expect(() =>
        db.exec(
          "INSERT INTO hub_health (incident_id, hub_id, state, since, last_checked_at, detail) VALUES ('i1', 'c/a', " +
            "'sideways', 1, 1, '')",
        ),
      ).toThrow(/CHECK/);
      db.exec("DELETE FROM registry_clusters WHERE name = 'c'");
      expect(db.prepare('SELECT COUNT(*) FROM registry_hubs').pluck().get()).toBe(0);
      db.exec("INSERT INTO incident_scope (incident_id, kind, value, set_at) VALUES ('i1', 'cluster', 'c', 1)");
      db.exec("DELETE FROM incidents WHERE id = 'i1'");
      expect(db.prepare('SELECT COUNT(*) FROM incident_scope').pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
