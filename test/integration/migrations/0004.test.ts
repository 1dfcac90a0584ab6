import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0004 (notes, revisions, drafts, full-text indexes)', () => {
  it('indexes timeline entries that existed before it, and creates the notes tables', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      const before = openDatabase(file, { migrations: migrations.slice(0, 3) });
      before
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('i1', 'Old', 'declared', 1, 1)",
        )
        .run();
      before
        .prepare(
          "INSERT INTO timeline_entries (id, incident_id, at, source, kind, body, recorded_at) VALUES ('e1', 'i1', " +
            "1, 'system', 'declared', 'Incident declared: Old', 1)",
        )
        .run();
      before.close();
      const db = openDatabase(file, { migrations: migrations.slice(0, 4) });
      expect(db.pragma('user_version', { simple: true })).toBe(4);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(
        expect.arrayContaining(['notes', 'note_revisions', 'note_drafts', 'notes_fts', 'timeline_fts']),
      );
      expect(db.prepare("SELECT entry_id FROM timeline_fts WHERE timeline_fts MATCH 'declared'").pluck().all()).toEqual(
        ['e1'],
      );
      expect(() =>
        db
          .prepare(
            "INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES ('n', 'i1', 'poem', 'x', " +
              "'me', 1)",
          )
          .run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES ('n', 'missing', 'note', " +
              "'x', 'me', 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      // Deleting an incident removes its notes and their index rows.
      db.prepare(
        "INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES ('n', 'i1', 'note', 'zebra', " +
          "'me', 1)",
      ).run();
      db.prepare("DELETE FROM incidents WHERE id = 'i1'").run();
      expect(db.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'zebra'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM timeline_fts WHERE timeline_fts MATCH 'declared'").pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
