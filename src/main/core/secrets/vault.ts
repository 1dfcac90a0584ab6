// The token policy over a SecretStore: tokens go to disk only through a strong store, or through a weak one
// after the user accepted it (recorded in settings); otherwise they stay in memory for this session.
import type Database from 'better-sqlite3';
import type { StorageInfo } from '../../../shared/integrations';
import type { Vendor } from '../../../shared/outbox';
import { settingsRepo } from '../db/repos/settings';
import { memorySecretStore, type SecretStore } from './store';

const WEAK_KEY = 'secrets.weakStorageAccepted';
const nameOf = (vendor: Vendor) => `token:${vendor}`;

export interface Vault {
  token(vendor: Vendor): string | undefined;
  where(vendor: Vendor): 'stored' | 'session' | 'none';
  setToken(vendor: Vendor, token: string): void;
  accept(weak: boolean): void;
  storage(): StorageInfo;
  /** Every token any vendor has had since start (and the one stored from the last run), for redaction. */
  knownTokens(): string[];
}

export function createVault(db: Database.Database, store: SecretStore): Vault {
  const settings = settingsRepo(db);
  const session = memorySecretStore();
  const weakAccepted = () => settings.get(WEAK_KEY) === true;
  const mayPersist = () =>
    store.isEncryptionAvailable() && store.backend !== 'none' && (store.strong || weakAccepted());

  const readStored = (vendor: Vendor): string | undefined => {
    try {
      return store.get(nameOf(vendor));
    } catch {
      return undefined;
    }
  };

  // Memory only: a vendor error may still quote a rotated key, so redaction must know it too. Never persisted.
  const known = new Set<string>();
  for (const v of ['slack', 'pagerduty', 'freshdesk'] as const) {
    const t = readStored(v);
    if (t !== undefined) known.add(t);
  }

  return {
    token: (vendor) => session.get(nameOf(vendor)) ?? (mayPersist() ? readStored(vendor) : undefined),
    where(vendor) {
      if (session.get(nameOf(vendor)) !== undefined) return 'session';
      return mayPersist() && readStored(vendor) !== undefined ? 'stored' : 'none';
    },
    setToken(vendor, token) {
      known.add(token);
      if (mayPersist()) {
        store.set(nameOf(vendor), token);
        session.delete(nameOf(vendor));
      } else {
        session.set(nameOf(vendor), token);
      }
    },
    accept(weak) {
      if (!weak && !store.strong) {
        // Withdrawn consent: take tokens off the disk, keeping them for this session.
        for (const v of ['slack', 'pagerduty', 'freshdesk'] as const) {
          const t = readStored(v);
          if (t !== undefined) session.set(nameOf(v), t);
          store.delete(nameOf(v));
        }
      }
      settings.set(WEAK_KEY, weak);
      if (weak && mayPersist()) {
        // Move session tokens to disk now that the user agreed.
        for (const v of ['slack', 'pagerduty', 'freshdesk'] as const) {
          const t = session.get(nameOf(v));
          if (t !== undefined) {
            store.set(nameOf(v), t);
            session.delete(nameOf(v));
          }
        }
      }
    },
    knownTokens: () => [...known],
    storage(): StorageInfo {
      const accepted = weakAccepted();
      let warning: string | null = null;
      if (store.backend === 'none' || !store.isEncryptionAvailable()) {
        warning =
          'This system offers no way to encrypt tokens. They are kept in memory only and must be entered again after ' +
          'Conn restarts.';
      } else if (!store.strong) {
        const what =
          store.backend === 'file'
            ? 'an encrypted file whose key sits beside it in the data folder'
            : 'the system’s basic text storage, which anyone with access to your files can decode';
        warning = accepted
          ? `No OS keyring: tokens are stored in ${what}. Anyone who can read your data folder can recover them.`
          : `No OS keyring is available. Tokens are kept in memory only until you allow storing them in ${what}.`;
      }
      return { backend: store.backend, strong: store.strong, weakAccepted: accepted, warning };
    },
  };
}
