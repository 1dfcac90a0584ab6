// Whether a stream's head may move now, and when it may if not: vendor pauses, credentials, Slack pacing.
// A pass reads each vendor's state and credentials once, and an incident's links from a cache kept across passes.
import type Database from 'better-sqlite3';
import type { Incident } from '../../../shared/domain';
import type { Vendor } from '../../../shared/outbox';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxDispatchRepo, type Head } from '../db/repos/outboxDispatch';
import { vendorStateRepo, type VendorStateRow } from '../db/repos/vendorState';
import { executorFor, type ExecutorRegistry, type IsConfigured } from './executors';
import { linksFrom, type IncidentLinks } from './links';

type Paceable = Pick<Head, 'kind' | 'incidentId'>;

/** Posts to one Slack channel are paced; everything else goes as fast as the vendor answers. */
export const pacingKey = (job: Paceable, links: IncidentLinks): string | null =>
  job.kind === 'slack.postMessage' ? `slack:${links.slackChannelId ?? job.incidentId ?? '-'}` : null;

/**
 * An incident's links (Slack channel, PagerDuty incident, ticket). `cached` serves a pass's pacing decisions;
 * `fresh` reads the database (for a job about to be sent) and refreshes the cache. Links only appear over time
 * (a channel created, a take-over), so a stale cached entry can only delay a post by one pass, never misdirect it.
 */
export function incidentLinks(db: Database.Database) {
  const incidents = incidentsRepo(db);
  const repo = outboxDispatchRepo(db);
  const cache = new Map<string, IncidentLinks>();
  const fresh = (incidentId: string | null): { incident: Incident | undefined; links: IncidentLinks } => {
    if (!incidentId) return { incident: undefined, links: {} };
    const incident = incidents.get(incidentId);
    const links = linksFrom(incident, repo.sentResults(incidentId));
    cache.set(incidentId, links);
    return { incident, links };
  };
  return {
    fresh,
    cached: (incidentId: string | null): IncidentLinks => (incidentId ? (cache.get(incidentId) ?? fresh(incidentId).links) : {}),
    /** After a job that makes a link was sent, or anything else changed (a kick): read again next time. */
    forget(incidentId?: string | null) {
      if (incidentId === undefined) cache.clear();
      else if (incidentId !== null) cache.delete(incidentId);
    },
  };
}
export type IncidentLinksCache = ReturnType<typeof incidentLinks>;

export interface ReadinessDeps {
  db: Database.Database;
  isConfigured: IsConfigured;
  links: IncidentLinksCache;
  /** Pacing key -> when the last post to it was claimed or finished. */
  lastPost: Map<string, number>;
  pacingMs: number;
}

/** One pass's view: vendor state and credentials read once, whatever the number of heads. */
export function readiness(deps: ReadinessDeps, registry: ExecutorRegistry, now: number) {
  const vendorState = vendorStateRepo(deps.db);
  const states = new Map<Vendor, VendorStateRow>();
  const configured = new Map<Vendor, boolean>();
  const stateOf = (v: Vendor) => {
    let s = states.get(v);
    if (!s) states.set(v, (s = vendorState.get(v)));
    return s;
  };
  const isConfigured = (v: Vendor) => {
    let c = configured.get(v);
    if (c === undefined) configured.set(v, (c = deps.isConfigured(v)));
    return c;
  };
  /** When a post under this pacing key may next go out (`now` if it may now). */
  const pacedFrom = (key: string | null, at: number) => {
    const last = key ? deps.lastPost.get(key) : undefined;
    return last === undefined ? at : Math.max(at, last + deps.pacingMs);
  };
  return {
    /** The time the head may move, or null if it waits on something other than time (a lease, a token, a fix). */
    readyAt(head: Head): number | null {
      if (head.state === 'uncertain' ? head.leaseOwner !== null : head.state !== 'queued' && head.state !== 'retrying') return null;
      const v = stateOf(head.vendor);
      if (v.state === 'reconnect' || !isConfigured(head.vendor) || !executorFor(registry, head.kind)) return null;
      let at = head.nextAt ?? now;
      if (v.pausedUntil !== null) at = Math.max(at, v.pausedUntil);
      return head.state === 'uncertain' ? at : pacedFrom(pacingKey(head, deps.links.cached(head.incidentId)), at);
    },
    pacedFrom,
  };
}
