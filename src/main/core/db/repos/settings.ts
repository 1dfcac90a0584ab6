// SQL for settings: small JSON values by key. Never secrets (those go through the secret store).
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export const settingsRepo = perDb((db: Database.Database) => {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(key: string): unknown {
      const row = get.get(key);
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    set(key: string, value: unknown): void {
      put.run(key, JSON.stringify(value));
    },
  };
});
export type SettingsRepo = ReturnType<typeof settingsRepo>;
