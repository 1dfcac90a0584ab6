// The proposals' digest and the incident's actors, kept between reads of report.get. A read folds in the entries
// appended since the last one (a live incident's usual change), so a report.get under a stream of notes reads those
// few rows; anything else (an edit, a flag, a delete, an entry dated before the last one, another connection's
// write) rebuilds from the record with bounded queries. Bounded: a few incidents, and a rebuild past a long backlog
// (APPEND_LOG_MAX in db/repos/reportAppends.ts).
import type Database from 'better-sqlite3';
import { reportRepo } from '../db/repos/report';
import { reportAppendsRepo } from '../db/repos/reportAppends';
import { digestFromDb } from './digest';
import { addToDigest, type RecordDigest } from './propose';

/** Incidents kept at once (a commander has one or two open; the register reads others now and then). */
export const DIGEST_CACHE_INCIDENTS = 8;
/**
 * A copy not read for this long is dropped, and with the last one the TEMP triggers that keep it (so appends stop
 * paying for a report nobody has open). The next read rebuilds it from the record.
 */
export const DIGEST_IDLE_MS = 10 * 60_000;

interface Kept {
  digest: RecordDigest;
  actors: Set<string>;
  dataVersion: number;
  /**
   * This copy's number, also written in the watch row inside the reading transaction. If that transaction rolls
   * back (a report.update refused after reading the view), the row's number goes back with the appends it consumed
   * and the notes it may have seen, so the copy no longer matches and is rebuilt.
   */
  gen: number;
  /** When this copy was last read (Date.now()), for the idle sweep. */
  readAt: number;
}

const after = (a: { at: number; id: string }, b: { at: number; id: string } | null) =>
  b === null || a.at > b.at || (a.at === b.at && a.id > b.id);

export function digestCache(db: Database.Database) {
  const repo = reportRepo(db);
  const appends = reportAppendsRepo(db);
  const kept = new Map<string, Kept>();
  let gens = 0;

  const rebuild = (incidentId: string): Kept => {
    // Watch first: within this read's transaction nothing else writes, and every later append is listed.
    const gen = ++gens;
    appends.watch(incidentId, gen);
    const k: Kept = {
      digest: digestFromDb(repo, incidentId),
      actors: new Set(repo.actors(incidentId)),
      dataVersion: appends.dataVersion(),
      gen,
      readAt: Date.now(),
    };
    kept.delete(incidentId);
    kept.set(incidentId, k);
    while (kept.size > DIGEST_CACHE_INCIDENTS) {
      const oldest = kept.keys().next().value as string;
      kept.delete(oldest);
      appends.unwatch(oldest);
    }
    return k;
  };

  /** Folds in the appended entries; false when one of them is not after everything already folded in. */
  const fold = (k: Kept, incidentId: string): boolean => {
    const taken = appends.take(incidentId);
    if (taken.length === 0) return true;
    for (const e of taken) {
      if (e.actor) k.actors.add(e.actor);
      if (e.in_report !== 1) continue;
      if (!after(e, k.digest.last)) return false;
      const { in_report: _flag, ...row } = e;
      addToDigest(k.digest, row);
    }
    k.gen = ++gens;
    appends.stamp(incidentId, k.gen);
    return true;
  };

  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  /** Drops copies idle since before `now - DIGEST_IDLE_MS`, only outside a transaction (a rollback would undo it). */
  const expire = (now = Date.now()): void => {
    if (!db.open || db.inTransaction) return;
    for (const [incidentId, k] of kept) {
      if (now - k.readAt < DIGEST_IDLE_MS) continue;
      kept.delete(incidentId);
      appends.unwatch(incidentId);
    }
  };
  const scheduleSweep = () => {
    if (sweepTimer) return;
    sweepTimer = setTimeout(() => {
      sweepTimer = null;
      expire();
      if (kept.size > 0 && db.open) scheduleSweep();
    }, DIGEST_IDLE_MS);
    sweepTimer.unref?.();
  };

  return {
    expire,
    /** Call inside the read's transaction. The digest is the cache's own: read it, do not change it. */
    read(incidentId: string): { digest: RecordDigest; actors: string[] } {
      let k = kept.get(incidentId);
      const state = appends.state(incidentId);
      const fresh =
        k !== undefined &&
        state !== null &&
        !state.dirty &&
        state.gen === k.gen &&
        k.dataVersion === appends.dataVersion();
      if (!k || !fresh || !fold(k, incidentId)) k = rebuild(incidentId);
      k.readAt = Date.now();
      scheduleSweep();
      return { digest: k.digest, actors: [...k.actors].sort() };
    },
  };
}
export type DigestCache = ReturnType<typeof digestCache>;
