// SQL for per-vendor connection state: paused for reconnect (token refused), rate-limited until a time, and
// whether the last request could reach the vendor at all.
import type Database from 'better-sqlite3';
import { vendors, type Vendor } from '../../../../shared/outbox';
import { perDb } from '../perDb';

export interface Unreachable {
  since: number;
  /** Plain words. */
  reason: string;
  /** The raw error. */
  error: string;
}

export interface VendorStateRow {
  vendor: Vendor;
  state: 'ok' | 'reconnect';
  reason: string | null;
  pausedUntil: number | null;
  unreachable: Unreachable | null;
}

interface Row {
  vendor: string;
  state: string;
  reason: string | null;
  paused_until: number | null;
  unreachable_since: number | null;
  unreachable_reason: string | null;
  unreachable_error: string | null;
}

export const vendorStateRepo = perDb((db: Database.Database) => {
  const get = db.prepare<[string], Row>(
    'SELECT vendor, state, reason, paused_until, unreachable_since, unreachable_reason, unreachable_error FROM ' +
      'vendor_state WHERE vendor = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO vendor_state (vendor, state, reason, paused_until, unreachable_since, unreachable_reason,
      unreachable_error, updated_at)
     VALUES (@vendor, @state, @reason, @pausedUntil, @since, @uReason, @uError, @at)
     ON CONFLICT(vendor) DO UPDATE SET state = excluded.state, reason = excluded.reason, paused_until =
       excluded.paused_until,
       unreachable_since = excluded.unreachable_since, unreachable_reason = excluded.unreachable_reason,
       unreachable_error = excluded.unreachable_error, updated_at = excluded.updated_at`,
  );
  const read = (vendor: Vendor): VendorStateRow => {
    const r = get.get(vendor);
    if (!r) return { vendor, state: 'ok', reason: null, pausedUntil: null, unreachable: null };
    return {
      vendor,
      state: r.state === 'reconnect' ? 'reconnect' : 'ok',
      reason: r.reason,
      pausedUntil: r.paused_until,
      unreachable:
        r.unreachable_since === null
          ? null
          : { since: r.unreachable_since, reason: r.unreachable_reason ?? '', error: r.unreachable_error ?? '' },
    };
  };
  const write = (s: VendorStateRow, at: number) =>
    upsert.run({
      vendor: s.vendor,
      state: s.state,
      reason: s.reason,
      pausedUntil: s.pausedUntil,
      since: s.unreachable?.since ?? null,
      uReason: s.unreachable?.reason ?? null,
      uError: s.unreachable?.error ?? null,
      at,
    });
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
    /** The vendor answered (anything): reachable. Returns whether that changed. */
    reached(vendor: Vendor, at: number): boolean {
      const cur = read(vendor);
      if (!cur.unreachable) return false;
      write({ ...cur, unreachable: null }, at);
      return true;
    },
    /** A request could not reach the vendor. Keeps the first `since`; returns whether the vendor was reachable before.
     * */
    unreachable(vendor: Vendor, reason: string, error: string, at: number): boolean {
      const cur = read(vendor);
      // No write per failure.
      if (cur.unreachable && cur.unreachable.reason === reason && cur.unreachable.error === error) return false;
      write({ ...cur, unreachable: { since: cur.unreachable?.since ?? at, reason, error } }, at);
      return cur.unreachable === null;
    },
  };
});
export type VendorStateRepo = ReturnType<typeof vendorStateRepo>;
