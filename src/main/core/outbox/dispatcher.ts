// The outbox dispatcher: claims due jobs in a short transaction, sends them outside any transaction through
// the executors, settles each (sent / retry at T / uncertain / dead), and reconciles uncertain jobs first.
// Work is done in passes: one IMMEDIATE transaction records every outcome that arrived since the last pass and
// claims whatever became due, so a burst of answers costs one commit, not one per job.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { jobPayloads, type JobKind, type OutboxJob } from '../../../shared/outbox';
import type { Incident } from '../../../shared/domain';
import { asyncCommit } from '../db/asyncCommit';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { vendorStateRepo } from '../db/repos/vendorState';
import type { EventBus } from '../events';
import { silentLogger, type Clock, type Logger } from '../ports';
import {
  executorFor,
  type ExecContext,
  type ExecOutcome,
  type ExecutorRegistry,
  type IsConfigured,
  type ReconcileOutcome,
} from './executors';
import { toVendorFailure } from './failures';
import { linkResults } from './links';
import type { NetworkStatus, Timer } from './ports';
import { claimDue, incidentLinks, pacingKey, readiness, type Work } from './readiness';
import { defaultRetryConfig, type Random, type RetryConfig } from './retryPolicy';
import { outboxStatus } from './status';
import { reconcileVerdict, sendVerdict, type Verdict } from './verdict';

export interface DispatcherDeps {
  db: Database.Database;
  clock: Clock;
  bus: EventBus;
  /** A function so the registry can follow credential changes. */
  executors: () => ExecutorRegistry;
  isConfigured: IsConfigured;
  network: NetworkStatus;
  timer: Timer;
  random?: Random;
  retry?: RetryConfig;
  /** Minimum gap between two posts to one Slack channel. */
  slackPacingMs?: number;
  logger?: Logger;
  /** Removes tokens from any text stored as a job's reason. */
  redact?: (text: string) => string;
}

export interface Dispatcher {
  /** Recovers jobs caught mid-send, then delivers until stopped. */
  start(): void;
  /** Stops claiming and waits for sends already in flight (and their outcomes recorded). */
  stop(): Promise<void>;
  /** Something was enqueued or changed: look again (at once, coalesced with other kicks). */
  kick(): void;
  /** Marks jobs left in 'sending' by a previous run as 'uncertain'. Called by start(). */
  recover(): void;
  /** One pass: reconcile and send everything due now, and wait for those to settle (tests). */
  runOnce(): Promise<number>;
  /** When the next job becomes due (epoch ms), or null if nothing waits on time. */
  nextWakeAt(): number | null;
  readonly running: boolean;
}

/** An outcome waiting for the next pass: `apply` runs inside its transaction, `after` once it has committed. */
interface Outcome {
  apply: () => OutboxJob | undefined;
  after?: () => void;
  done: () => void;
}

const LINK_KINDS = new Set<string>(Object.keys(linkResults));
/** After a pass failed (disk full, database locked by another process), try again this much later. */
const RETRY_CLAIM_MS = 1000;

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, clock, bus, network } = deps;
  const random = deps.random ?? Math.random;
  const cfg = deps.retry ?? defaultRetryConfig;
  const log = deps.logger ?? silentLogger;
  const redact = deps.redact ?? ((t: string) => t);
  const owner = randomBytes(8).toString('hex');
  const repo = outboxDispatchRepo(db);
  const vendorState = vendorStateRepo(db);
  const links = incidentLinks(db);
  const lastPost = new Map<string, number>(); // pacing key -> when the last post to it was claimed or finished
  const incidents = incidentsRepo(db);
  const ready = {
    vendorState,
    isConfigured: deps.isConfigured,
    links,
    lastPost,
    pacingMs: deps.slackPacingMs ?? 1000,
    repo,
    owner,
  };
  const inFlight = new Set<Promise<void>>();
  const passes = new Set<Promise<unknown>>(); // passes waiting for their commit to reach the disk
  const commit = asyncCommit(db, (err) => log.warn('outbox commits fsync on the main thread', { error: err.message }));
  let outcomes: Outcome[] = [];
  let running = false;
  let passQueued = false;
  let timerHandle: unknown = null;
  let unsubscribeNetwork: (() => void) | null = null;

  const changed = (job: OutboxJob | undefined) => {
    if (job) bus.emit('outbox.changed', job);
  };
  const statusChanged = () =>
    bus.emit('outbox.statusChanged', outboxStatus(db, network.isOnline(), deps.isConfigured, clock.now()));

  // A pass: outcomes recorded and due jobs claimed in one short IMMEDIATE transaction; nothing awaited inside.
  const passTx = db.transaction((batch: Outcome[], claimAt: number | null, registry: ExecutorRegistry | null) => {
    const settled = batch.map((o) => o.apply());
    const claimed = claimAt !== null && registry ? claimDue(ready, registry, claimAt) : { work: [], next: null };
    return { settled, ...claimed };
  });

  /** Records outcomes one transaction each: when a batch fails, one bad outcome must not hold back the rest. */
  const settleEach = (batch: Outcome[]) =>
    batch.map((o) => {
      try {
        return db.transaction(o.apply).immediate();
      } catch (err) {
        // The job keeps its lease in 'sending': the next start-up reconciles it, so nothing is sent twice.
        log.error('outbox settle failed', { error: err instanceof Error ? err.message : String(err) });
        return undefined;
      }
    });

  /**
   * One pass. Its outcomes are reported, and its claimed jobs sent, only once the commit is on disk: a request
   * never leaves before its claim is durable (else a crash could send it twice). Resolves to the started work.
   */
  const pass = (claim: boolean): Promise<Promise<void>[]> => {
    const p = passThenStart(claim);
    passes.add(p);
    void p.finally(() => passes.delete(p));
    return p;
  };
  const passThenStart = async (claim: boolean): Promise<Promise<void>[]> => {
    const batch = outcomes;
    outcomes = [];
    const registry = claim && network.isOnline() ? deps.executors() : null;
    const claimAt = registry ? clock.now() : null;
    let result: { settled: (OutboxJob | undefined)[]; work: Work[]; next: number | null };
    let durable: Promise<void>;
    let retryAt: number | null = null;
    try {
      ({ value: result, durable } = commit.run(passTx, batch, claimAt, registry));
    } catch (err) {
      log.error('outbox claim failed', { error: err instanceof Error ? err.message : String(err) });
      result = { settled: settleEach(batch), work: [], next: null };
      durable = Promise.resolve();
      if (claimAt !== null) retryAt = clock.now() + RETRY_CLAIM_MS;
    }
    if (claim) schedule(retryAt ?? result.next);
    try {
      await durable;
    } catch (err) {
      // The disk refused the fsync: send nothing. The claimed jobs keep their lease in 'sending' and the next
      // start-up reconciles them, so nothing is sent twice.
      log.error('outbox commit not durable', { error: err instanceof Error ? err.message : String(err) });
      batch.forEach((o) => o.done());
      return [];
    }
    // The core closed while the commit was on its way to the disk (a quit, or a test's crash): the next start reads
    // the state from the file; there is nothing left to tell or send.
    if (!db.open) {
      batch.forEach((o) => o.done());
      return [];
    }
    // Durable: tell the world, then start the sends.
    batch.forEach((o, i) => {
      changed(result.settled[i]);
      o.after?.();
      o.done();
    });
    return result.work.map(start);
  };

  const requestPass = () => {
    if (passQueued) return;
    passQueued = true;
    // setImmediate, not a microtask: answers that arrive together (one poll of the event loop) share a pass.
    setImmediate(() => {
      passQueued = false;
      if (running || outcomes.length > 0) void pass(running);
    });
  };

  /** Queues a verdict for the next pass; resolves once it is committed and reported. */
  const record = (job: OutboxJob, v: Verdict): Promise<void> =>
    new Promise<void>((done) => {
      let reachChanged = false;
      const apply = () => {
        const now = clock.now();
        if (v.reconnect) vendorState.needReconnect(job.vendor, v.reconnect, now);
        if (v.reach?.reachable === true) reachChanged = vendorState.reached(job.vendor, now);
        else if (v.reach)
          reachChanged = vendorState.unreachable(job.vendor, v.reach.reason, redact(v.reach.error), now);
        if (v.pauseVendorUntil) vendorState.pauseUntil(job.vendor, v.pauseVendorUntil, now);
        const s = v.settle;
        const settled = repo.settle(job.id, owner, now, {
          ...s,
          lastError: s.lastError === null ? null : redact(s.lastError),
        });
        if (!settled) log.warn('outbox settle skipped: lease lost', { jobId: job.id });
        else if (settled.state === 'sent' && LINK_KINDS.has(settled.kind)) links.forget(settled.incidentId);
        return settled;
      };
      const after = () => {
        if (v.reconnect || reachChanged) statusChanged();
      };
      outcomes.push({ apply, after, done });
      requestPass();
    });
  const verdictContext = () => ({ now: clock.now(), online: network.isOnline(), random, cfg });

  const contextFor = <K extends JobKind>(w: Work): ExecContext<K> => {
    let incident: { value: Incident | undefined } | null = null;
    return {
      payload: jobPayloads[w.job.kind].parse(w.job.payload) as ExecContext<K>['payload'],
      // Read when an executor asks (creating a channel or a PagerDuty incident), not for every note and post.
      get incident() {
        incident ??= { value: w.job.incidentId ? incidents.get(w.job.incidentId) : undefined };
        return incident.value;
      },
      links: w.links,
      marker: `conn:${w.job.id}`,
      attempt: w.job.attempts,
      claimedAt: w.claimedAt,
    };
  };

  const send = async (w: Work): Promise<void> => {
    const ex = executorFor(deps.executors(), w.job.kind);
    let outcome: ExecOutcome;
    try {
      if (!ex) throw new Error('no executor');
      outcome = await ex.send(w.job, contextFor(w));
    } catch (err) {
      outcome = { status: 'failed', failure: toVendorFailure(err) };
    }
    // Pace from when the post finished, not when it was claimed: the vendor counts arrivals, and a slow
    // request followed by a fast one would otherwise land less than the pacing interval apart (and draw a 429).
    const paced = pacingKey(w.job, w.links);
    if (paced) lastPost.set(paced, Math.max(lastPost.get(paced) ?? 0, clock.now()));
    return record(w.job, sendVerdict(w.job, outcome, verdictContext()));
  };

  const reconcile = async (w: Work): Promise<void> => {
    const ex = executorFor(deps.executors(), w.job.kind);
    let answer: { outcome: ReconcileOutcome } | { thrown: unknown };
    try {
      if (!ex) throw new Error('no executor');
      answer = { outcome: await ex.reconcile(w.job, contextFor(w)) };
    } catch (thrown) {
      answer = { thrown };
    }
    return record(w.job, reconcileVerdict(w.job, answer, verdictContext()));
  };

  /** Starts one claimed job; the promise resolves once its outcome is committed. */
  const start = (w: Work): Promise<void> => {
    if (w.mode === 'send') changed(w.job);
    const tracked = (w.mode === 'send' ? send(w) : reconcile(w))
      .catch((err: unknown) => {
        log.error('outbox dispatch failed', {
          jobId: w.job.id,
          error: err instanceof Error ? err.message : String(err),
        });
      })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };

  const nextWakeAt = (): number | null => {
    const now = clock.now();
    const r = readiness(ready, deps.executors(), now);
    let next: number | null = null;
    for (const head of repo.heads()) {
      const at = r.readyAt(head);
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  };

  function schedule(at: number | null): void {
    if (timerHandle !== null) deps.timer.clear(timerHandle);
    timerHandle = null;
    if (!running || !network.isOnline() || at === null) return;
    timerHandle = deps.timer.set(
      () => {
        timerHandle = null;
        kick();
      },
      Math.max(0, at - clock.now()),
    );
  }

  function kick(): void {
    links.forget(); // something outside the dispatcher changed: take no cached link for granted
    if (running) requestPass();
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      this.recover();
      unsubscribeNetwork = network.subscribe(() => {
        statusChanged();
        kick();
      });
      kick();
    },
    async stop() {
      running = false;
      schedule(null);
      unsubscribeNetwork?.();
      unsubscribeNetwork = null;
      while (inFlight.size + passes.size > 0) await Promise.all([...inFlight, ...passes]);
      commit.close();
    },
    kick,
    recover() {
      for (const job of repo.recover(clock.now())) changed(job);
    },
    async runOnce() {
      const work = await pass(true);
      await Promise.all(work);
      return work.length;
    },
    nextWakeAt,
  };
}
