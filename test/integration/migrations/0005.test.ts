import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../../src/main/core/db/migrate';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrations } from '../../../src/main/core/db/migrations';
import { tempDir } from '../../helpers/tempDir';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('migration 0005 (outbox dispatch)', () => {
  it('adds the lease columns to existing jobs and a strict vendor_state table', () => {
    const d = tempDir();
    dirs.push(d);
    const file = join(d.path, 'conn.sqlite');
    // A database at version 4 with a job already queued.
    openDatabase(file, { migrations: migrations.filter((m) => m.version < 5) }).close();
    const raw = new Database(file);
    raw
      .prepare(
        'INSERT INTO outbox_jobs (id, vendor, kind, payload, order_key, created_at, updated_at) VALUES ' +
          "('j1','slack','slack.postMessage','{}','k',1,1)",
      )
      .run();
    raw.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.prepare("SELECT state, lease_owner, claimed_at FROM outbox_jobs WHERE id = 'j1'").get()).toEqual({
      state: 'queued',
      lease_owner: null,
      claimed_at: null,
    });
    expect(() =>
      db.prepare("INSERT INTO vendor_state (vendor, state, updated_at) VALUES ('slack', 'broken', 1)").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO vendor_state (vendor, state, updated_at) VALUES ('slack', 'ok', 'soon')").run(),
    ).toThrow();
    db.prepare("INSERT INTO vendor_state (vendor, state, updated_at) VALUES ('slack', 'reconnect', 1)").run();
    db.close();
  });
});
