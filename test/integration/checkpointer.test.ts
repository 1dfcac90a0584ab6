// The WAL checkpoint worker: committed pages reach the database file without the main connection checkpointing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DB_FILE_NAME, type Core } from '../../src/main/core';
import { MAIN_AUTOCHECKPOINT_PAGES } from '../../src/main/core/db/checkpointer';
import type { Incident } from '../../src/shared/domain';
import { tempDir } from '../helpers/tempDir';

const open: Array<{ core: Core; cleanup(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.core.close();
    o.cleanup();
  }
});

async function coreWithNotes(checkpointWorker: boolean, notes: number) {
  const dir = tempDir('conn-ckpt-');
  const core = createCore({ dataDir: dir.path, checkpointWorker });
  open.push({ core, cleanup: dir.cleanup });
  const file = join(dir.path, DB_FILE_NAME);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const before = statSync(file).size;
  const inc = await core.invoke('incidents.declare', { title: 'Checkpoints' });
  if (!inc.ok) throw new Error(inc.error.message);
  // Each note is well over a kilobyte, so 30 of them are dozens of pages: below any autocheckpoint threshold.
  for (let i = 0; i < notes; i++) {
    const r = await core.invoke('notes.append', {
      incidentId: (inc.value as Incident).id,
      body: `line ${i} `.repeat(200),
      kind: 'note',
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  return { core, file, before };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return ok();
};

describe('WAL checkpoints on a worker thread', () => {
  it('copies committed pages into the database file while the main connection only commits', async () => {
    const { core, file, before } = await coreWithNotes(true, 30);
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(MAIN_AUTOCHECKPOINT_PAGES);
    expect(await until(() => statSync(file).size > before, 5000)).toBe(true);
    // Every note is still there and the file is sound after the concurrent checkpoints.
    expect(core.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 30 });
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('without the worker, the same writes stay in the WAL until SQLite’s own threshold', async () => {
    const { file, before } = await coreWithNotes(false, 30);
    expect(await until(() => statSync(file).size > before, 600)).toBe(false);
  });

  it('a restart after the worker ran finds every note', async () => {
    const dir = tempDir('conn-ckpt-');
    const first = createCore({ dataDir: dir.path });
    const inc = await first.invoke('incidents.declare', { title: 'Restart' });
    if (!inc.ok) throw new Error(inc.error.message);
    for (let i = 0; i < 20; i++)
      await first.invoke('notes.append', { incidentId: (inc.value as Incident).id, body: `note ${i}`, kind: 'note' });
    await new Promise((r) => setTimeout(r, 300));
    first.close();
    const second = createCore({ dataDir: dir.path });
    open.push({ core: second, cleanup: dir.cleanup });
    expect(second.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 20 });
  });
});
