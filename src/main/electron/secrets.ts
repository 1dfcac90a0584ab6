// The desktop shell's secret store: Electron safeStorage ciphertext in a 0600 file in userData.
// Linux 'basic_text' is obfuscation with a public password, so it is reported as weak (not strong) and the
// core's vault refuses to persist through it unless the user accepted weaker storage.
import type { SafeStorage } from 'electron';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../core/secrets/store';

export const SAFE_STORAGE_FILE = 'secrets.safestorage.json';
const fileSchema = z.strictObject({ backend: z.string(), entries: z.record(z.string(), z.string()) });

type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export function safeStorageSecretStore(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  const file = join(dataDir, SAFE_STORAGE_FILE);
  const linuxBackend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const available = safeStorage.isEncryptionAvailable();
  const strong = available && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';

  const load = () => {
    if (!existsSync(file)) return { backend: linuxBackend, entries: {} as Record<string, string> };
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { backend: linuxBackend, entries: {} as Record<string, string> };
  };
  const save = (entries: Record<string, string>) => {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ backend: linuxBackend, entries }), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  };

  return {
    backend: available ? 'keyring' : 'none',
    strong,
    isEncryptionAvailable: () => available,
    get(name) {
      const f = load();
      // A different keyring backend cannot decrypt the old blobs: the user re-enters tokens (never silent garbage).
      if (f.backend !== linuxBackend) return undefined;
      const blob = f.entries[name];
      if (!blob) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        return undefined;
      }
    },
    set(name, value) {
      if (!available) throw new Error('Encryption is not available on this system; the token was not saved.');
      const f = load();
      save({
        ...(f.backend === linuxBackend ? f.entries : {}),
        [name]: safeStorage.encryptString(value).toString('base64'),
      });
    },
    delete(name) {
      const f = load();
      const { [name]: _gone, ...rest } = f.entries;
      save(rest);
    },
  };
}
