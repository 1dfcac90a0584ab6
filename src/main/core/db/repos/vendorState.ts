// SQL for per-vendor connection state: paused for reconnect (token refused) or rate-limited until a time.
import type Database from 'better-sqlite3';
import { vendors, type Vendor } from '../../../../shared/outbox';
import { perDb } from '../perDb';

export interface VendorStateRow {
  vendor: Vendor;
  state: 'ok' | 'reconnect';
  reason: string | null;
  pausedUntil: number | null;
}

interface Row {
  vendor: string;
  state: string;
  reason: string | null;
  paused_until: number | null;
}

export const vendorStateRepo = perDb((db: Database.Database) => {
  const get = db.prepare<[string], Row>('SELECT vendor, state, reason, paused_until FROM vendor_state WHERE vendor = ?');
  const upsert = db.prepare(
    `INSERT INTO vendor_state (vendor, state, reason, paused_until, updated_at) VALUES (@vendor, @state, @reason, @pausedUntil, @at)
     ON CONFLICT(vendor) DO UPDATE SET state = excluded.state, reason = excluded.reason,
       paused_until = excluded.paused_until, updated_at = excluded.updated_at`,
  );
  const read = (vendor: Vendor): VendorStateRow => {
    const r = get.get(vendor);
    if (!r) return { vendor, state: 'ok', reason: null, pausedUntil: null };
    return { vendor, state: r.state === 'reconnect' ? 'reconnect' : 'ok', reason: r.reason, pausedUntil: r.paused_until };
  };
  const write = (s: VendorStateRow, at: number) => upsert.run({ ...s, at });
  return {
    get: read,
    all: (): VendorStateRow[] => vendors.map(read),
    needReconnect(vendor: Vendor, reason: string, at: number): void {
      write({ ...read(vendor), state: 'reconnect', reason }, at);
    },
    /** A new token (or a passing test) clears the reconnect state. */
    reconnected(vendor: Vendor, at: number): void {
      write({ ...read(vendor), state: 'ok', reason: null }, at);
    },
    /** Only ever extends the wait: a shorter Retry-After never shortens one already in force. */
    pauseUntil(vendor: Vendor, until: number, at: number): void {
      const cur = read(vendor);
      if (cur.pausedUntil !== null && cur.pausedUntil >= until) return;
      write({ ...cur, pausedUntil: until }, at);
    },
  };
});
export type VendorStateRepo = ReturnType<typeof vendorStateRepo>;
