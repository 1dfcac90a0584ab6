// Outcome batching: each answer (a verdict on one job) waits here for the dispatcher's next pass, which records
// every waiting outcome and claims what became due in ONE transaction, so a burst of answers costs one commit.
import type Database from 'better-sqlite3';
import type { OutboxJob } from '../../../shared/outbox';
import type { OutboxDispatchRepo } from '../db/repos/outboxDispatch';
import type { vendorStateRepo } from '../db/repos/vendorState';
import type { Clock, Logger } from '../ports';
import { linkResults } from './links';
import type { IncidentLinksCache } from './readiness';
import type { Verdict } from './verdict';

/** An outcome waiting for the next pass: `apply` runs inside its transaction, `after` once it has committed. */
export interface Outcome {
  apply: () => OutboxJob | undefined;
  after?: () => void;
  done: () => void;
}

const LINK_KINDS = new Set<string>(Object.keys(linkResults));

export interface OutcomeDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  repo: OutboxDispatchRepo;
  vendorState: ReturnType<typeof vendorStateRepo>;
  links: IncidentLinksCache;
  owner: string;
  redact: (text: string) => string;
  /** The vendor's state changed (reconnect, reachability): tell the status. Runs after COMMIT. */
  statusChanged: () => void;
  /** An outcome is waiting: ask for a pass (coalesced by the dispatcher). */
  requestPass: () => void;
}

export function outcomeQueue(deps: OutcomeDeps) {
  const { clock, repo, vendorState, links, owner, redact } = deps;
  let waiting: Outcome[] = [];

  /** The verdict's writes: vendor state, then the job settled under this dispatcher's lease. */
  const applyVerdict = (job: OutboxJob, v: Verdict) => {
    let reachChanged = false;
    const apply = () => {
      const now = clock.now();
      if (v.reconnect) vendorState.needReconnect(job.vendor, v.reconnect, now);
      if (v.reach?.reachable === true) reachChanged = vendorState.reached(job.vendor, now);
      else if (v.reach) reachChanged = vendorState.unreachable(job.vendor, v.reach.reason, redact(v.reach.error), now);
      if (v.pauseVendorUntil) vendorState.pauseUntil(job.vendor, v.pauseVendorUntil, now);
      const s = v.settle;
      const settled = repo.settle(job.id, owner, now, {
        ...s,
        lastError: s.lastError === null ? null : redact(s.lastError),
      });
      if (!settled) deps.log.warn('outbox settle skipped: lease lost', { jobId: job.id });
      else if (settled.state === 'sent' && LINK_KINDS.has(settled.kind)) links.forget(settled.incidentId);
      return settled;
    };
    const after = () => {
      if (v.reconnect || reachChanged) deps.statusChanged();
    };
    return { apply, after };
  };

  return {
    /** Queues a verdict for the next pass; resolves once it is committed and reported. */
    record(job: OutboxJob, v: Verdict): Promise<void> {
      return new Promise<void>((done) => {
        waiting.push({ ...applyVerdict(job, v), done });
        deps.requestPass();
      });
    },
    /** The outcomes waiting now, handed to one pass (the queue starts empty again). */
    take(): Outcome[] {
      const batch = waiting;
      waiting = [];
      return batch;
    },
    get size() {
      return waiting.length;
    },
    /** Records outcomes one transaction each: when a batch fails, one bad outcome must not hold back the rest. */
    settleEach(batch: Outcome[]): Array<OutboxJob | undefined> {
      return batch.map((o) => {
        try {
          return deps.db.transaction(o.apply).immediate();
        } catch (err) {
          // The job keeps its lease in 'sending': the next start-up reconciles it, so nothing is sent twice.
          deps.log.error('outbox settle failed', { error: err instanceof Error ? err.message : String(err) });
          return undefined;
        }
      });
    },
  };
}
export type OutcomeQueue = ReturnType<typeof outcomeQueue>;
