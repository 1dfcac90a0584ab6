// The outbox's global status (counts per state, vendor connections, online) and each job's reason to wait.
import type Database from 'better-sqlite3';
import { jobStates, vendors, type JobState, type OutboxJob, type OutboxJobView, type OutboxStatus, type VendorConnection } from '../../../shared/outbox';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { vendorStateRepo } from '../db/repos/vendorState';
import type { IsConfigured } from './executors';
import { vendorLabels } from '../../../shared/labels';


export function outboxStatus(db: Database.Database, online: boolean, isConfigured: IsConfigured, now: number): OutboxStatus {
  const counts = outboxDispatchRepo(db).counts();
  const perState = Object.fromEntries(jobStates.map((s) => [s, counts.get(s) ?? 0])) as Record<JobState, number>;
  const pending = perState.queued + perState.sending + perState.retrying + perState.uncertain;
  const vs = vendorStateRepo(db);
  const conns: VendorConnection[] = vendors.map((v) => {
    const s = vs.get(v);
    const pausedUntil = s.pausedUntil !== null && s.pausedUntil > now ? new Date(s.pausedUntil).toISOString() : null;
    if (!isConfigured(v)) return { vendor: v, state: 'not_configured', reason: `${vendorLabels[v]} is not connected yet.`, pausedUntil };
    return { vendor: v, state: s.state, reason: s.reason, pausedUntil };
  });
  return { counts: perState, pending, online, vendors: conns };
}

/** Adds to each job why it is not moving: a dead job ahead of it, a vendor to reconnect, the network. */
export function withReasons(jobs: OutboxJob[], all: OutboxJob[], status: OutboxStatus): OutboxJobView[] {
  // Streams: the first unfinished job per order key, from the full list (filters must not hide blockers).
  const byKey = new Map<string, OutboxJob[]>();
  for (const j of all) {
    if (j.state === 'sent' || j.state === 'discarded') continue;
    const key = j.orderKey;
    byKey.set(key, [...(byKey.get(key) ?? []), j]);
  }
  return jobs.map((j) => {
    let blockedBy: string | null = null;
    let reason: string | null = j.lastError;
    if (j.state === 'queued' || j.state === 'retrying') {
      const stream = byKey.get(j.orderKey) ?? [];
      const head = stream[0];
      if (head && head.id !== j.id && head.state === 'dead') {
        blockedBy = head.id;
        reason = `Blocked by a failed earlier job (${head.kind}): retry, edit or discard it first.`;
      } else {
        const conn = status.vendors.find((v) => v.vendor === j.vendor);
        if (conn && conn.state !== 'ok') reason = conn.reason;
        else if (!status.online) reason = 'Waiting for the network.';
        else if (head && head.id !== j.id) reason = reason ?? 'Waiting for an earlier job of the same incident.';
      }
    }
    return { ...j, reason, blockedBy };
  });
}

