// Migration 0010: a note becomes its own timeline entry. Older files keep every entry, its report flags and summary,
// and the timeline view pages in order through indexes without sorting.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/main/core/db/migrations';
import { openDatabase } from '../../../src/main/core/db/open';
import { timelineQueryRepo } from '../../../src/main/core/db/repos/timelineQuery';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0010 (notes on the timeline)', () => {
  it('moves note entries onto their notes and keeps every other entry, in the same order', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 10) });
      old
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Hub down', 'active', 1, " +
            '1)',
        )
        .run();
      const entry = old.prepare(
        `INSERT INTO timeline_entries (id, incident_id, at, source, kind, body, actor, ref_id, in_report, summary,
          recorded_at)
         VALUES (?, 'i1', ?, ?, ?, ?, 'Sam', ?, ?, ?, ?)`,
      );
      const note = old.prepare(
        "INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES (?, 'i1', ?, ?, 'Sam', ?)",
      );
      entry.run('e1', 1000, 'system', 'declared', 'Incident declared: Hub down', null, 1, null, 1000);
      note.run('n1', 'finding', 'quota reached on the user pool', 2000);
      entry.run('e2', 2000, 'note', 'finding', 'quota reached on the user pool', 'n1', 0, 'Quota reached', 2000);
      note.run('n2', 'note', 'paged the cloud team', 3000);
      entry.run('e3', 3000, 'note', 'note', 'paged the cloud team', 'n2', 1, null, 3000);
      entry.run('e4', 3000, 'role', 'assigned', 'Sam is commander', null, 1, null, 3000);
      old.close();

      const db = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 10) });
      expect(db.pragma('user_version', { simple: true })).toBe(10);
      const rows = db
        .prepare(
          "SELECT id, source, kind, ref_id, in_report, summary FROM timeline_entries WHERE incident_id = 'i1' ORDER " +
            'BY at, id',
        )
        .all();
      expect(rows).toEqual([
        { id: 'e1', source: 'system', kind: 'declared', ref_id: null, in_report: 1, summary: null },
        { id: 'n1', source: 'note', kind: 'finding', ref_id: 'n1', in_report: 0, summary: 'Quota reached' },
        { id: 'e4', source: 'role', kind: 'assigned', ref_id: null, in_report: 1, summary: null },
        { id: 'n2', source: 'note', kind: 'note', ref_id: 'n2', in_report: 1, summary: null },
      ]);
      // No copy of a note is left behind, and the full-text triggers still follow the renamed table.
      expect(db.prepare("SELECT count(*) FROM timeline_events WHERE source = 'note'").pluck().get()).toBe(0);
      expect(
        db.prepare("SELECT entry_id FROM timeline_fts WHERE timeline_fts MATCH 'commander'").pluck().all(),
      ).toEqual(['e4']);
      // The report flags are written to whichever table holds the entry.
      const q = timelineQueryRepo(db);
      q.setInReport('n1', true);
      q.setSummary('e4', 'Sam took command');
      expect(q.get('n1')?.inReport).toBe(true);
      expect(q.get('e4')?.summary).toBe('Sam took command');
      expect(() => db.prepare("UPDATE timeline_entries SET in_report = 0 WHERE id = 'e1'").run()).toThrow(/view/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      d.cleanup();
    }
  });

  it('pages the timeline by merging two ordered index scans, never sorting the incident', () => {
    const d = tempDir();
    try {
      const db = openDatabase(join(d.path, 'x.sqlite'), { migrations });
      const plan = (sql: string) =>
        (
          db
            .prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all({ incidentId: 'i1', sources: null, kinds: null, at: 0, id: '', limit: 50 }) as Array<{
            detail: string;
          }>
        )
          .map((r) => r.detail)
          .join('\n');
      const first = plan('SELECT * FROM timeline_entries WHERE incident_id = @incidentId ORDER BY at, id LIMIT @limit');
      expect(first).toMatch(/notes_by_incident/);
      expect(first).toMatch(/timeline_by_incident/);
      expect(first).not.toMatch(/TEMP B-TREE/);
      const before = plan(
        'SELECT * FROM timeline_entries WHERE incident_id = @incidentId AND (at, id) < (@at, @id) ORDER BY at DESC, ' +
          'id DESC LIMIT @limit',
      );
      expect(before).not.toMatch(/TEMP B-TREE/);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
