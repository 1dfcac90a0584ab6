// Migration 0015 (github-links): an older file gains the linked-items table, its incidents and imported entries intact,
// and the vendor-ref index now keeps one 'github' entry per moment as it does for the other vendors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { migration0015 } from '../../../src/main/core/db/migrations/0015-github-links';
import { tempDir } from '../../helpers/tempDir';

const entry = (id: string, source: string, ref: string) =>
  `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, ref_id, recorded_at)
   VALUES ('${id}', 'i1', 1, '${source}', 'k', 'b', '${ref}', 1)`;

describe('migration 0015 (github links)', () => {
  const upgradesOlderFile =
    'upgrades an older file: incidents and imports kept, links table empty and constrained, github refs unique';
  it(upgradesOlderFile, () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < migration0015.version) });
      old
        .prepare(
          'INSERT INTO incidents (id, title, status, declared_at, updated_at) ' +
            "VALUES ('i1', 'Hub down', 'active', 1, 1)",
        )
        .run();
      old.exec(entry('e1', 'slack', 'C1:1.0'));
      // Before 0015 a repeated 'github' ref was not refused.
      old.exec(entry('g1', 'github', 'o/r#1:opened'));
      old.exec(entry('g2', 'github', 'o/r#1:opened'));
      old.exec("DELETE FROM timeline_events WHERE id = 'g2'");
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= migration0015.version) });
      expect(db.pragma('user_version', { simple: true })).toBe(15);
      expect(db.prepare('SELECT title FROM incidents').pluck().all()).toEqual(['Hub down']);
      expect(db.prepare('SELECT id FROM timeline_events ORDER BY id').pluck().all()).toEqual(['e1', 'g1']);
      expect(db.prepare('SELECT COUNT(*) FROM github_links').pluck().get()).toBe(0);

      // One entry per vendor ref, for GitHub too; and still for Slack.
      expect(() => db.exec(entry('g3', 'github', 'o/r#1:opened'))).toThrow(/UNIQUE/);
      expect(() => db.exec(entry('e2', 'slack', 'C1:1.0'))).toThrow(/UNIQUE/);
      db.exec(entry('g4', 'github', 'o/r#1:merged'));

      const link = (n: number, kind: string, state: string | null) =>
        `INSERT INTO github_links (incident_id, owner, repo, number, kind, url, state, found_at)
         VALUES ('i1', 'o', 'r', ${n}, '${kind}', 'https://github.com/o/r/pull/${n}',
           ${state ? `'${state}'` : 'NULL'}, 1)`;
      db.exec(link(1, 'pull', null));
      expect(() => db.exec(link(1, 'pull', 'open'))).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.exec(link(2, 'discussion', null))).toThrow(/CHECK/);
      expect(() => db.exec(link(3, 'pull', 'sideways'))).toThrow(/CHECK/);
      expect(() => db.exec(link(0, 'issue', null))).toThrow(/CHECK/);
      db.exec(link(4, 'issue', 'closed'));
      expect(db.prepare('SELECT next_poll_at FROM github_links WHERE number = 4').pluck().get()).toBe(0);
      db.exec("DELETE FROM incidents WHERE id = 'i1'");
      expect(db.prepare('SELECT COUNT(*) FROM github_links').pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
