import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { fileLogger } from '../../src/main/core/fileLogger';
import { fileSecretStore, SECRET_FILE, SECRET_KEY_FILE } from '../../src/main/core/secrets/fileStore';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import { safeStorageSecretStore, SAFE_STORAGE_FILE } from '../../src/main/electron/secrets';
import { fakeClock } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { call } from '../helpers/outbox';

const CANARY = 'xoxb-CANARY-7f3a9c1e-do-not-leak';
const dirs: Array<{ cleanup(): void }> = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => d.cleanup());
});
const dir = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
const slack = (token?: string) => ({
  vendor: 'slack' as const,
  config: { channelPattern: 'inc-YYYYMMDD-<hub>' },
  ...(token ? { token } : {}),
});

/** Every file under a folder, as bytes. */
const allBytes = (root: string): string =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');

describe('the web shell’s encrypted file store', () => {
  it('round-trips, writes both files 0600, and stores no plaintext', () => {
    const d = dir();
    const s = fileSecretStore(d);
    s.set('token:slack', CANARY);
    expect(s.get('token:slack')).toBe(CANARY);
    expect(fileSecretStore(d).get('token:slack')).toBe(CANARY);
    for (const f of [SECRET_KEY_FILE, SECRET_FILE]) expect(statSync(join(d, f)).mode & 0o777).toBe(0o600);
    expect(allBytes(d)).not.toContain(CANARY);
    s.delete('token:slack');
    expect(s.get('token:slack')).toBeUndefined();
  });

  it('a tampered ciphertext reads as absent, not as garbage', () => {
    const d = dir();
    const s = fileSecretStore(d);
    s.set('token:slack', CANARY);
    const f = JSON.parse(readFileSync(join(d, SECRET_FILE), 'utf8'));
    f.entries['token:slack'].data = Buffer.from('tampered').toString('base64');
    writeFileSync(join(d, SECRET_FILE), JSON.stringify(f));
    expect(s.get('token:slack')).toBeUndefined();
  });
});

describe('token storage policy', () => {
  it('without consent a weak store keeps the token in memory only; consent moves it to disk, recorded', async () => {
    const d = dir();
    const core = createCore({ dataDir: d, clock: fakeClock(), secrets: fileSecretStore(d) });
    cores.push(core);
    const saved = await call(core, 'integrations.save', slack(CANARY));
    expect(saved).toMatchObject({
      ok: true,
      value: {
        storage: { backend: 'file', strong: false, weakAccepted: false, warning: expect.stringMatching(/memory only/) },
      },
    });
    expect(saved.ok && saved.value.vendors.find((v) => v.vendor === 'slack')?.token).toBe('session');
    expect(readdirSync(d)).not.toContain(SECRET_FILE);
    const accepted = await call(core, 'integrations.acceptWeakStorage', { accept: true });
    expect(accepted).toMatchObject({
      ok: true,
      value: { storage: { weakAccepted: true, warning: expect.stringMatching(/No OS keyring/) } },
    });
    expect(accepted.ok && accepted.value.vendors.find((v) => v.vendor === 'slack')?.token).toBe('stored');
    core.close();
    const again = createCore({ dataDir: d, clock: fakeClock(), secrets: fileSecretStore(d) });
    cores.push(again);
    expect(again.services.integrations.credentials('slack')?.token).toBe(CANARY);
    // Withdrawing consent takes it off the disk.
    again.services.integrations.acceptWeakStorage({ accept: false });
    expect(fileSecretStore(d).get('token:slack')).toBeUndefined();
    expect(again.services.integrations.credentials('slack')?.token).toBe(CANARY);
  });

  it('no token in the database file, WAL, log, or anything the renderer receives (canary)', async () => {
    const d = dir();
    const core = createCore({
      dataDir: d,
      clock: fakeClock(),
      secrets: fileSecretStore(d),
      logger: fileLogger(join(d, 'logs')),
    });
    cores.push(core);
    const events: string[] = [];
    core.bus.subscribe((n, p) => events.push(JSON.stringify({ n, p })));
    await call(core, 'integrations.acceptWeakStorage', { accept: true });
    const results = [
      await call(core, 'integrations.save', slack(CANARY)),
      await call(core, 'integrations.get', {}),
      await call(core, 'integrations.save', slack('not-a-slack-token-' + CANARY.slice(5))),
      await call(core, 'integrations.test', { vendor: 'slack' }),
      await call(core, 'outbox.status', {}),
    ];
    const rendererSaw = JSON.stringify(results) + events.join('\n');
    expect(rendererSaw).not.toContain(CANARY);
    expect(rendererSaw).not.toContain(CANARY.slice(5));
    core.db.pragma('wal_checkpoint(PASSIVE)');
    const disk = ['conn.sqlite', 'conn.sqlite-wal', 'logs/conn.log']
      .map((f) => {
        try {
          return readFileSync(join(d, f)).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    expect(disk).not.toContain(CANARY);
    expect(allBytes(d)).not.toContain(CANARY);
  });
});

describe('the Electron safeStorage adapter', () => {
  const fakeSafeStorage = (backend: 'basic_text' | 'gnome_libsecret', available = true) => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('hex').split('').reverse().join('')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4).split('').reverse().join(''), 'hex').toString(),
  });

  it('with a real keyring persists ciphertext in a 0600 file', () => {
    const d = dir();
    const s = safeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), d, 'linux');
    expect(s.strong).toBe(true);
    const core = createCore({ dataDir: d, secrets: s });
    cores.push(core);
    core.services.integrations.save(slack(CANARY));
    expect(core.services.integrations.get().vendors.find((v) => v.vendor === 'slack')?.token).toBe('stored');
    expect(statSync(join(d, SAFE_STORAGE_FILE)).mode & 0o777).toBe(0o600);
    expect(allBytes(d)).not.toContain(CANARY);
  });

  it("refuses to persist through Linux 'basic_text' unless the user accepted weaker storage", () => {
    const d = dir();
    const s = safeStorageSecretStore(fakeSafeStorage('basic_text'), d, 'linux');
    expect(s.strong).toBe(false);
    const core = createCore({ dataDir: d, secrets: s });
    cores.push(core);
    core.services.integrations.save(slack(CANARY));
    expect(readdirSync(d)).not.toContain(SAFE_STORAGE_FILE);
    expect(core.services.integrations.get().storage.warning).toMatch(/basic text storage/);
    core.services.integrations.acceptWeakStorage({ accept: true });
    expect(readdirSync(d)).toContain(SAFE_STORAGE_FILE);
  });

  it('with no encryption at all keeps tokens for the session and says so', () => {
    const d = dir();
    const core = createCore({
      dataDir: d,
      secrets: safeStorageSecretStore(fakeSafeStorage('basic_text', false), d, 'linux'),
    });
    cores.push(core);
    core.services.integrations.acceptWeakStorage({ accept: true });
    core.services.integrations.save(slack(CANARY));
    expect(core.services.integrations.get().vendors.find((v) => v.vendor === 'slack')?.token).toBe('session');
    expect(core.services.integrations.get().storage.warning).toMatch(/no way to encrypt/);
  });

  it('memory store is the default: nothing persisted', () => {
    expect(memorySecretStore().backend).toBe('none');
  });
});
