// Migration 0008: vendor refs unique per incident and source, incident links, handoffs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

const entry = (id: string, source: string, ref: string | null) =>
  `INSERT INTO timeline_entries (id, incident_id, at, source, kind, body, ref_id, recorded_at) VALUES ('${id}',
    'i1', 1, '${source}', 'k', 'b', ${ref === null ? 'NULL' : `'${ref}'`}, 1)`;

describe('migration 0008 (imports, links, handoffs)', () => {
  it('upgrades an older file and refuses a second copy of a vendor record', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 8) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      old.exec(entry('a', 'role', 'p1'));
      old.exec(entry('b', 'role', 'p1')); // non-vendor refs may repeat
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 8) });
      expect(db.pragma('user_version', { simple: true })).toBe(8);
      db.exec(entry('s1', 'slack', 'C1:1.000100'));
      expect(() => db.exec(entry('s2', 'slack', 'C1:1.000100'))).toThrow(/UNIQUE/);
      db.exec(entry('p1', 'pagerduty', 'C1:1.000100')); // same ref, other source: fine
      db.exec(entry('r3', 'role', 'p1'));
      db.exec(entry('n1', 'slack', null));
      db.exec(entry('n2', 'slack', null));

      db.prepare(
        "INSERT INTO incident_links (incident_id, pagerduty_incident_id, updated_at) VALUES ('i1', 'PX1', 1)",
      ).run();
      expect(() => db.prepare("INSERT INTO incident_links (incident_id, updated_at) VALUES ('nope', 1)").run()).toThrow(
        /FOREIGN KEY/,
      );
      expect(() =>
        db
          .prepare(
            "INSERT INTO handoffs (id, incident_id, to_person_id, brief, liaison_moves, created_at) VALUES ('h', " +
              "'i1', 'p', 'b', 2, 1)",
          )
          .run(),
      ).toThrow(/CHECK/);
      db.prepare(
        "INSERT INTO handoffs (id, incident_id, to_person_id, brief, liaison_moves, created_at) VALUES ('h', 'i1', " +
          "'p', 'b', 1, 1)",
      ).run();
      db.prepare("DELETE FROM incidents WHERE id = 'i1'").run();
      expect(db.prepare('SELECT count(*) FROM incident_links').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM handoffs').pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
