// Issue 15: nothing Conn writes is readable by other users of the machine: the data folder is 0700 and the
// database, its WAL and SHM, logs, reports and secrets are 0600, also in a folder that existed before Conn.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { fileLogger } from '../../src/main/core/fileLogger';
import type { Logger } from '../../src/main/core/ports';
import { fileSecretStore } from '../../src/main/core/secrets/fileStore';
import { tempDir } from '../helpers/tempDir';

const open: Array<() => void> = [];
afterEach(() =>
  open
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

const mode = (path: string) => statSync(path).mode & 0o777;

function folder(): string {
  const d = tempDir('conn-private-');
  open.push(d.cleanup);
  return join(d.path, 'data'); // inside the temp folder, so Conn creates (or finds) it itself
}

/** A core as the web shell builds it: log file, file secret store; then a note, a report and a saved token. */
async function useCore(dataDir: string, logger: Logger = fileLogger(join(dataDir, 'logs'))): Promise<Core> {
  const core = createCore({ dataDir, logger, secrets: fileSecretStore(dataDir), checkpointWorker: false });
  const incident = await core.invoke('incidents.declare', { title: 'Private things' });
  if (!incident.ok) throw new Error(incident.error.message);
  const id = (incident.value as { id: string }).id;
  await core.invoke('notes.append', { incidentId: id, body: 'the root password is in the vault' });
  await core.invoke('notes.saveDraft', { incidentId: id, body: 'half a thought' });
  const accepted = await core.invoke('integrations.acceptWeakStorage', { accept: true });
  if (!accepted.ok) throw new Error(accepted.error.message);
  await core.invoke('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'acme.freshdesk.com' },
    token: 'abcdEFGH12345678',
  });
  const exported = await core.invoke('report.export', { incidentId: id, format: 'markdown' });
  if (!exported.ok) throw new Error(exported.error.message);
  logger.info('used');
  return core;
}

/** Every file and folder Conn wrote, with its permission bits. */
function modes(dataDir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      out[rel + name] = mode(path);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
    }
  };
  walk(dataDir, '');
  return out;
}

const recording = () => {
  const warnings: string[] = [];
  const logger: Logger = { info() {}, error() {}, warn: (m) => warnings.push(m) };
  return { logger, warnings };
};

describe('the data folder is private', () => {
  const aNewFolderIs =
    'a new folder is 0700 and every file Conn writes in it 0600 (database, WAL, SHM, log, report, secrets)';
  it(aNewFolderIs, async () => {
    const dataDir = folder();
    const core = await useCore(dataDir);
    open.push(() => core.close());
    expect(mode(dataDir)).toBe(0o700);
    const all = modes(dataDir);
    for (const name of [
      'conn.sqlite',
      'conn.sqlite-wal',
      'conn.sqlite-shm',
      'logs/conn.log',
      'secrets.key',
      'secrets.enc.json',
    ]) {
      expect(all[name], name).toBe(0o600);
    }
    expect(Object.keys(all).some((n) => /^reports\/.+\.md$/.test(n))).toBe(true);
    for (const [name, bits] of Object.entries(all)) expect(bits & 0o077, `${name} is ${bits.toString(8)}`).toBe(0);
  });

  const anExistingFolderOpen =
    'an existing folder open to others is tightened, said once in the log; the user’s own files are left alone';
  it(anExistingFolderOpen, async () => {
    const dataDir = folder();
    const first = await useCore(dataDir);
    first.close();
    // As an older Conn (or a 0755 CONN_DATA_DIR) left it: everything readable by others.
    const loose = (dir: string) => {
      chmodSync(dir, 0o755);
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) loose(path);
        else chmodSync(path, 0o644);
      }
    };
    loose(dataDir);
    writeFileSync(join(dataDir, 'my-own-notes.txt'), 'not Conn’s');
    chmodSync(join(dataDir, 'my-own-notes.txt'), 0o644);

    const { logger, warnings } = recording();
    const second = createCore({ dataDir, logger, secrets: fileSecretStore(dataDir), checkpointWorker: false });
    second.close();
    const all = modes(dataDir);
    expect(all['my-own-notes.txt']).toBe(0o644);
    delete all['my-own-notes.txt'];
    for (const [name, bits] of Object.entries(all)) expect(bits & 0o077, `${name} is ${bits.toString(8)}`).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    expect(warnings.filter((w) => /made the data folder private/.test(w))).toHaveLength(1);

    const again = recording();
    createCore({ dataDir, logger: again.logger, checkpointWorker: false }).close();
    expect(again.warnings).toEqual([]);
  });

  it('refuses a folder that belongs to another user, with a clear message, and writes nothing there', () => {
    const dataDir = folder();
    mkdirSync(dataDir, { mode: 0o755 });
    const owner = statSync(dataDir).uid;
    expect(() => createCore({ dataDir, uid: owner + 1, checkpointWorker: false })).toThrow(
      /data folder .* belongs to another user \(uid \d+, Conn runs as uid \d+\).*Nothing was written there/,
    );
    expect(readdirSync(dataDir)).toEqual([]);
    expect(mode(dataDir)).toBe(0o755);
    expect(existsSync(join(dataDir, 'conn.sqlite'))).toBe(false);
  });
});
