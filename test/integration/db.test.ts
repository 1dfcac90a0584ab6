import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../src/main/core/db/migrate';
import { openDatabase } from '../../src/main/core/db/open';
import { migrations } from '../../src/main/core/db/migrations';
import type { Migration } from '../../src/main/core/db/migrations/types';
import { tempDir } from '../helpers/tempDir';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening the database', () => {
  const dirs: Array<{ cleanup(): void }> = [];
  const newFile = () => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'conn.sqlite');
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout, also after a reopen', () => {
    const file = newFile();
    for (let i = 0; i < 2; i++) {
      const db = openDatabase(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      db.close();
    }
  });

  it('refuses a database from a newer Conn and leaves the file untouched', () => {
    const file = newFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(/newer version of Conn/);
    expect(() => openDatabase(file)).toThrow(file);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not SQLite, naming it, and never overwrites it', () => {
    const file = newFile();
    writeFileSync(file, 'this is my shopping list, not a database\n'.repeat(20));
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not a Conn database`),
    );
    expect(sha(file)).toBe(before);
  });

  it('applies all pending migrations in one transaction: a failure leaves the old version intact', () => {
    const file = newFile();
    const broken: Migration[] = [
      ...migrations,
      {
        version: latestVersion() + 1,
        name: 'half-done',
        up: (db) => {
          db.exec('CREATE TABLE half (x)');
          throw new Error('crash in the middle');
        },
      },
    ];
    openDatabase(file).close();
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/crash in the middle/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('says before it upgrades an existing file, naming the steps; not for a new file, nor one up to date', () => {
    const file = newFile();
    const told: unknown[] = [];
    const onUpgrade = (u: unknown) => told.push(u);
    openDatabase(file, { migrations: migrations.slice(0, 14), onUpgrade }).close(); // a new file: its first schema
    expect(told).toEqual([]);
    openDatabase(file, { onUpgrade }).close();
    expect(told).toEqual([
      { from: 14, to: latestVersion(), steps: migrations.slice(14).map((m) => `${m.version} ${m.name}`) },
    ]);
    openDatabase(file, { onUpgrade }).close();
    expect(told).toHaveLength(1);
  });

  it('rejects gaps in migration numbering', () => {
    const file = newFile();
    const gap: Migration[] = [{ version: 2, name: 'two', up: () => {} }];
    expect(() => openDatabase(file, { migrations: gap })).toThrow(/numbering gap/);
  });
});

describe('migration 0001 (incidents)', () => {
  it('creates incidents and timeline_entries with a foreign key between them', () => {
    const d = tempDir();
    try {
      const db = openDatabase(join(d.path, 'x.sqlite'), { migrations: migrations.slice(0, 1) });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['incidents', 'timeline_entries']));
      expect(() =>
        db
          .prepare(
            "INSERT INTO timeline_entries (id, incident_id, at, source, kind, body, recorded_at) VALUES ('t', " +
              "'missing', 1, 's', 'k', 'b', 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});

describe('migration 0002 (outbox and settings)', () => {
  it('creates outbox_jobs tied to incidents and a settings table', () => {
    const d = tempDir();
    try {
      const db = openDatabase(join(d.path, 'x.sqlite'), { migrations: migrations.slice(0, 2) });
      const cols = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('outbox_jobs');
      expect(cols).toEqual(expect.arrayContaining(['kind', 'payload', 'order_key', 'state', 'next_at', 'ref_id']));
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('settings')).toEqual(['key', 'value']);
      expect(() =>
        db
          .prepare(
            'INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, created_at, updated_at) ' +
              "VALUES ('j', 'missing', 'slack', 'slack.postMessage', '{}', 'k', 1, 1)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      db.close();
    } finally {
      d.cleanup();
    }
  });
});
