// Durability traps from RELIABILITY.md §2: locks held by another process, backups while writing.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { openDatabase } from '../../src/main/core/db/open';
import { tempDir } from '../helpers/tempDir';

const cleanups: Array<() => void> = [];
afterEach(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

function core(busyTimeoutMs = 50): { core: Core; dir: string } {
  const dir = tempDir();
  const c = createCore({ dataDir: dir.path, busyTimeoutMs });
  cleanups.push(() => {
    c.close();
    dir.cleanup();
  });
  return { core: c, dir: dir.path };
}

describe('a database locked by another process', () => {
  it('answers busy (retryable), never a false "saved", and succeeds once the lock is gone', async () => {
    const { core: c } = core();
    const other = new Database(c.dbFile);
    other.exec('BEGIN IMMEDIATE');
    const r = await c.invoke('incidents.declare', { title: 'while locked' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('busy');
    other.exec('ROLLBACK');
    other.close();
    expect(c.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
    const again = await c.invoke('incidents.declare', { title: 'after the lock' });
    expect(again.ok).toBe(true);
  });
});

describe('backups', () => {
  it('a backup taken with the SQLite backup API while writing restores completely', async () => {
    const { core: c, dir } = core();
    for (let i = 0; i < 50; i++) await c.invoke('incidents.declare', { title: `before ${i}` });
    const target = join(dir, 'backup.sqlite');
    const backup = c.db.backup(target);
    // Keep writing while the backup runs: the backup is a consistent snapshot, the live db keeps everything.
    for (let i = 0; i < 50; i++) await c.invoke('incidents.declare', { title: `during ${i}` });
    await backup;
    const restored = openDatabase(target);
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = restored.prepare('SELECT count(*) FROM incidents').pluck().get() as number;
      expect(n).toBeGreaterThanOrEqual(50);
      const titles = restored.prepare('SELECT title FROM incidents').pluck().all() as string[];
      for (let i = 0; i < 50; i++) expect(titles).toContain(`before ${i}`);
      // Every restored incident has its declaration on the timeline: the snapshot is transactionally consistent.
      const orphans = restored
        .prepare(
          'SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM timeline_entries t WHERE t.incident_id = ' +
            "i.id AND t.kind = 'declared')",
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
    } finally {
      restored.close();
    }
    expect(c.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(100);
  });
});

describe('a migration killed midway', () => {
  it('leaves the database wholly at the old version', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const file = join(dir.path, 'conn.sqlite');
    openDatabase(file).close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/slowMigrationChild.ts', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (c: Buffer) => c.toString().includes('inside') && resolve()),
    );
    await new Promise((r) => setTimeout(r, 200)); // let it write a good number of rows first
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'slow'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  }, 30_000);
});
