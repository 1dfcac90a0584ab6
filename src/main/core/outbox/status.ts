// The outbox's global status (counts per state, vendor connections, online) and each job's reason to wait,
// in plain words with the raw error kept beside it.
import type Database from 'better-sqlite3';
import {
  jobStates,
  vendors,
  type JobState,
  type OutboxJob,
  type OutboxJobView,
  type OutboxStatus,
  type VendorConnection,
} from '../../../shared/outbox';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { vendorStateRepo } from '../db/repos/vendorState';
import type { IsConfigured } from './executors';
import { vendorLabels } from '../../../shared/labels';

export function outboxStatus(
  db: Database.Database,
  online: boolean,
  isConfigured: IsConfigured,
  now: number,
): OutboxStatus {
  const counts = outboxDispatchRepo(db).counts();
  const perState = Object.fromEntries(jobStates.map((s) => [s, counts.get(s) ?? 0])) as Record<JobState, number>;
  const pending = perState.queued + perState.sending + perState.retrying + perState.uncertain + perState.needs_you;
  const vs = vendorStateRepo(db);
  const conns: VendorConnection[] = vendors.map((v) => {
    const s = vs.get(v);
    const pausedUntil = s.pausedUntil !== null && s.pausedUntil > now ? new Date(s.pausedUntil).toISOString() : null;
    if (!isConfigured(v))
      return {
        vendor: v,
        state: 'not_configured',
        reason: `${vendorLabels[v]} is not connected yet.`,
        detail: null,
        pausedUntil,
      };
    if (s.state === 'reconnect') {
      return {
        vendor: v,
        state: 'reconnect',
        reason: `${vendorLabels[v]}: the token was refused. Connect it again with a new one.`,
        detail: s.reason,
        pausedUntil,
      };
    }
    if (s.unreachable)
      return {
        vendor: v,
        state: 'unreachable',
        reason: s.unreachable.reason,
        detail: s.unreachable.error || null,
        pausedUntil,
      };
    return { vendor: v, state: 'ok', reason: s.reason, detail: null, pausedUntil };
  });
  return { counts: perState, pending, needsYou: perState.needs_you, online, vendors: conns };
}

/** A stored error in plain words: the dispatcher's reasons start with the failure's class. */
function plainError(job: OutboxJob): string | null {
  const e = job.lastError;
  if (e === null) return null;
  const name = vendorLabels[job.vendor];
  if (/^(network|timeout|server): /.test(e)) return `${name} could not be reached; Conn tries again by itself.`;
  if (/^Rate limited: /.test(e)) return `${name} asked Conn to slow down; it waits and tries again.`;
  if (/^May have been sent/.test(e))
    return `The answer from ${name} was lost: Conn checks whether it arrived before anything else.`;
  if (/^Not sure it was sent/.test(e))
    return `Conn could not yet tell whether ${name} has it; it checks again (${job.checks} of its checks done).`;
  return e;
}

/** Adds to each job why it is not moving: a dead or unsettled job ahead of it, a vendor to reconnect, the network. */
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
    let reason: string | null = plainError(j);
    if (j.state === 'queued' || j.state === 'retrying') {
      const stream = byKey.get(j.orderKey) ?? [];
      const head = stream[0];
      if (head && head.id !== j.id && head.state === 'dead') {
        blockedBy = head.id;
        reason = `Blocked by a failed earlier job (${head.kind}): retry, edit or discard it first.`;
      } else if (head && head.id !== j.id && head.state === 'needs_you') {
        blockedBy = head.id;
        reason = `Waits behind an earlier job (${head.kind}) that needs you: say whether it arrived first.`;
      } else {
        const conn = status.vendors.find((v) => v.vendor === j.vendor);
        if (conn && conn.state !== 'ok') reason = conn.reason;
        else if (!status.online) reason = 'Waiting for the network.';
        else if (head && head.id !== j.id) reason = reason ?? 'Waiting for an earlier job of the same incident.';
      }
    }
    const detail = j.lastError !== null && j.lastError !== reason ? j.lastError : null;
    return { ...j, reason, detail, blockedBy };
  });
}
