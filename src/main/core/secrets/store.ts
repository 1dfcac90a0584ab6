// The secret store port: where tokens live at rest. The desktop shell passes Electron safeStorage;
// the web shell an encrypted file; tests a memory store. Implementations never log values.
import type { SecretBackend } from '../../../shared/integrations';

export interface SecretStore {
  readonly backend: SecretBackend;
  /** True only when an OS keyring protects the key (not Linux basic_text, not a key file beside the data). */
  readonly strong: boolean;
  isEncryptionAvailable(): boolean;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** Keeps secrets in memory only: for tests, and for tokens the user has not agreed to store on disk. */
export function memorySecretStore(opts: { backend?: SecretBackend; strong?: boolean } = {}): SecretStore {
  const values = new Map<string, string>();
  return {
    backend: opts.backend ?? 'none',
    strong: opts.strong ?? false,
    isEncryptionAvailable: () => opts.strong ?? false,
    get: (n) => values.get(n),
    set: (n, v) => void values.set(n, v),
    delete: (n) => void values.delete(n),
  };
}
