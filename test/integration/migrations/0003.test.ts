import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

describe('migration 0003 (runbooks, roles, checklist)', () => {
  it('upgrades a 0002 database in place: old incidents get the default runbook and impact start = declared', () => {
    const d = tempDir();
    try {
      const file = join(d.path, 'x.sqlite');
      openDatabase(file, { migrations: migrations.slice(0, 2) }).close();
      const raw = new Database(file);
      raw
        .prepare(
          "INSERT INTO incidents (id, title, status, declared_at, updated_at) VALUES ('old', 'Old one', 'active', " +
            '1000, 1000)',
        )
        .run();
      raw.close();

      const db = openDatabase(file, { migrations: migrations.slice(0, 3) });
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      const row = db.prepare('SELECT runbook_id, impact_start_at, resolved_at, classification FROM incidents').get();
      expect(row).toEqual({ runbook_id: 'default', impact_start_at: 1000, resolved_at: null, classification: null });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['people', 'incident_roles', 'runbooks', 'checklist_steps']));
      db.close();
    } finally {
      d.cleanup();
    }
  });

  it('enforces one commander, one tech lead, known states and roles, and ties rows to incidents', () => {
    const d = tempDir();
    try {
      const db = openDatabase(join(d.path, 'x.sqlite'), { migrations: migrations.slice(0, 3) });
      db.prepare("INSERT INTO incidents (id, title, declared_at, updated_at) VALUES ('i', 't', 1, 1)").run();
      const person = db.prepare(
        "INSERT INTO people (id, name, timezone, created_at, updated_at) VALUES (?, ?, 'UTC', 1, 1)",
      );
      person.run('a', 'Ada');
      person.run('b', 'Bo');
      const role = db.prepare(
        'INSERT INTO incident_roles (incident_id, role, person_id, tech_lead, assigned_at) VALUES (?, ?, ?, ?, 1)',
      );
      role.run('i', 'incident_commander', 'a', 0);
      expect(() => role.run('i', 'incident_commander', 'b', 0)).toThrow(/UNIQUE/);
      role.run('i', 'subject_matter_expert', 'a', 1);
      expect(() => role.run('i', 'subject_matter_expert', 'b', 1)).toThrow(/UNIQUE/);
      expect(() => role.run('i', 'janitor', 'b', 0)).toThrow(/CHECK/);
      expect(() => role.run('missing', 'support_triager', 'b', 0)).toThrow(/FOREIGN KEY/);
      const step = db.prepare(
        'INSERT INTO checklist_steps (incident_id, step_id, position, title, why, instructions, state, updated_at) ' +
          "VALUES (?, ?, 0, 't', 'w', 'i', ?, 1)",
      );
      step.run('i', 's1', 'todo');
      expect(() => step.run('i', 's2', 'half-done')).toThrow(/CHECK/);
      expect(() => step.run('i', 's1', 'todo')).toThrow(/UNIQUE|PRIMARY/);
      db.prepare("DELETE FROM incidents WHERE id = 'i'").run();
      expect(db.prepare('SELECT count(*) FROM checklist_steps').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM incident_roles').pluck().get()).toBe(0);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
