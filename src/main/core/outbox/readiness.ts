// Whether a stream's head may move now, and when it may if not (vendor pauses, credentials, Slack pacing), and
// the claim of those that may. A pass reads each vendor's state and credentials once, and an incident's links from
// a cache kept across passes.
import type Database from 'better-sqlite3';
import type { JobKind, OutboxJob, Vendor } from '../../../shared/outbox';
import { outboxDispatchRepo, type Head, type OutboxDispatchRepo } from '../db/repos/outboxDispatch';
import type { vendorStateRepo, VendorStateRow } from '../db/repos/vendorState';
import { executorFor, type ExecutorRegistry, type IsConfigured } from './executors';
import { linkNeeded, linksFrom, type IncidentLinks } from './links';
import { pacingKey, type Pacer } from './pacer';

/**
 * An incident's links (Slack channel, PagerDuty incident, ticket), cached across passes. Links only appear over
 * time (a channel created, a take-over); the cache forgets an incident when one of its link-making jobs is sent
 * and everything on any other change (kick). A job whose link is missing from the cache reads the database again.
 */
export function incidentLinks(db: Database.Database) {
  const repo = outboxDispatchRepo(db);
  const cache = new Map<string, IncidentLinks>();
  const fresh = (incidentId: string | null): IncidentLinks => {
    if (!incidentId) return {};
    const links = linksFrom({ ticketUrl: repo.ticketUrlOf(incidentId) }, repo.sentResults(incidentId));
    cache.set(incidentId, links);
    return links;
  };
  const cached = (incidentId: string | null): IncidentLinks =>
    incidentId ? (cache.get(incidentId) ?? fresh(incidentId)) : {};
  return {
    cached,
    /** The links a job is sent with: from the cache when it holds the one the job needs, else from the database. */
    forJob(kind: JobKind, incidentId: string | null): IncidentLinks {
      const links = cached(incidentId);
      const need = linkNeeded(kind);
      return need === null || links[need] !== undefined ? links : fresh(incidentId);
    },
    /** After a job that makes a link was sent, or anything else changed (a kick): read again next time. */
    forget(incidentId?: string | null) {
      if (incidentId === undefined) cache.clear();
      else if (incidentId !== null) cache.delete(incidentId);
    },
  };
}
export type IncidentLinksCache = ReturnType<typeof incidentLinks>;

export interface ReadinessDeps {
  vendorState: ReturnType<typeof vendorStateRepo>;
  isConfigured: IsConfigured;
  links: IncidentLinksCache;
  /** Slack pacing (outbox/pacer.ts). */
  pacer: Pacer;
}

/** One pass's view: vendor state and credentials read once, whatever the number of heads. */
export function readiness(deps: ReadinessDeps, registry: ExecutorRegistry, now: number) {
  const states = new Map<Vendor, VendorStateRow>();
  const configured = new Map<Vendor, boolean>();
  const stateOf = (v: Vendor) => {
    let s = states.get(v);
    if (!s) states.set(v, (s = deps.vendorState.get(v)));
    return s;
  };
  const isConfigured = (v: Vendor) => {
    let c = configured.get(v);
    if (c === undefined) configured.set(v, (c = deps.isConfigured(v)));
    return c;
  };
  return {
    /** The time the head may move, or null if it waits on something other than time (a lease, a token, a fix). */
    readyAt(head: Head): number | null {
      if (head.state === 'uncertain' ? head.leaseOwner !== null : head.state !== 'queued' && head.state !== 'retrying')
        return null;
      const v = stateOf(head.vendor);
      if (v.state === 'reconnect' || !isConfigured(head.vendor) || !executorFor(registry, head.kind)) return null;
      let at = head.nextAt ?? now;
      if (v.pausedUntil !== null) at = Math.max(at, v.pausedUntil);
      return head.state === 'uncertain'
        ? at
        : deps.pacer.readyFrom(pacingKey(head, deps.links.cached(head.incidentId)), at);
    },
  };
}

/** A claimed job, with the links it is sent with and when its send attempt was claimed. */
export type Work = { job: OutboxJob; mode: 'send' | 'reconcile'; links: IncidentLinks; claimedAt: number | null };

/**
 * Claims every head that may move now (inside the pass's transaction); returns the work and the earliest time a
 * waiting head may move. Uncertain heads are reconciled, never resent: they are claimed for a reconcile only.
 */
export function claimDue(
  deps: ReadinessDeps & { repo: OutboxDispatchRepo; owner: string },
  registry: ExecutorRegistry,
  now: number,
): { work: Work[]; next: number | null } {
  const r = readiness(deps, registry, now);
  const work: Work[] = [];
  let next: number | null = null;
  const later = (at: number) => (next = next === null ? at : Math.min(next, at));
  for (const head of deps.repo.heads()) {
    const at = r.readyAt(head);
    if (at === null) continue;
    if (at > now) {
      later(at);
      continue;
    }
    const links = deps.links.forJob(head.kind, head.incidentId);
    if (head.state === 'uncertain') {
      const c = deps.repo.claimReconcile(head.id, deps.owner);
      if (c) work.push({ ...c, mode: 'reconcile', links });
      continue;
    }
    const key = pacingKey(head, links); // may differ from the cached one readyAt used: check again
    const paced = deps.pacer.readyFrom(key, now);
    if (paced > now) {
      later(paced);
      continue;
    }
    const c = deps.repo.claimSend(head.id, deps.owner, now);
    if (!c) continue;
    deps.pacer.posted(key, now);
    work.push({ ...c, mode: 'send', links });
  }
  return { work, next };
}
