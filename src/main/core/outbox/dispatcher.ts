// The outbox dispatcher: claims due jobs in a short transaction, sends them outside any transaction through
// the executors, settles each (sent / retry at T / uncertain / dead), and reconciles uncertain jobs first.
// Work is done in passes: one IMMEDIATE transaction records every outcome that arrived since the last pass and
// claims whatever became due, so a burst of answers costs one commit, not one per job.
// Its parts: readiness.ts (which heads may move: claimDue), pacer.ts (Slack pacing), executors (the vendors),
// verdict.ts (what an answer means), outcomes.ts (verdicts waiting for the next pass); the job states and their
// moves are the table in shared/outbox.ts (jobTransitions).
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
import type { NetworkStatus, Timer } from './ports';
import { outcomeQueue, type Outcome } from './outcomes';
import { createPacer, pacingKey } from './pacer';
import { claimDue, incidentLinks, readiness, type Work } from './readiness';
import { defaultRetryConfig, type Random, type RetryConfig } from './retryPolicy';
import { outboxStatus } from './status';
import { reconcileVerdict, sendVerdict } from './verdict';

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
  const pacer = createPacer(deps.slackPacingMs ?? 1000);
  const incidents = incidentsRepo(db);
  const ready = {
    vendorState,
    isConfigured: deps.isConfigured,
    links,
    pacer,
    repo,
    owner,
  };
  const inFlight = new Set<Promise<void>>();
  const passes = new Set<Promise<unknown>>(); // passes waiting for their commit to reach the disk
  const commit = asyncCommit(db, (err) => log.warn('outbox commits fsync on the main thread', { error: err.message }));
  let running = false;
  let passQueued = false;
  let timerHandle: unknown = null;
  let unsubscribeNetwork: (() => void) | null = null;

  const changed = (job: OutboxJob | undefined) => {
    if (job) bus.emit('outbox.changed', job);
  };
  const statusChanged = () =>
    bus.emit('outbox.statusChanged', outboxStatus(db, network.isOnline(), deps.isConfigured, clock.now()));
  const outcomes = outcomeQueue({
    db,
    clock,
    log,
    repo,
    vendorState,
    links,
    owner,
    redact,
    statusChanged,
    requestPass: () => requestPass(),
  });

  // A pass: outcomes recorded and due jobs claimed in one short IMMEDIATE transaction; nothing awaited inside.
  const passTx = db.transaction((batch: Outcome[], claimAt: number | null, registry: ExecutorRegistry | null) => {
    const settled = batch.map((o) => o.apply());
    const claimed = claimAt !== null && registry ? claimDue(ready, registry, claimAt) : { work: [], next: null };
    return { settled, ...claimed };
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
    const batch = outcomes.take();
    const registry = claim && network.isOnline() ? deps.executors() : null;
    const claimAt = registry ? clock.now() : null;
    let result: { settled: (OutboxJob | undefined)[]; work: Work[]; next: number | null };
    let durable: Promise<void>;
    let retryAt: number | null = null;
    try {
      ({ value: result, durable } = commit.run(passTx, batch, claimAt, registry));
    } catch (err) {
      log.error('outbox claim failed', { error: err instanceof Error ? err.message : String(err) });
      result = { settled: outcomes.settleEach(batch), work: [], next: null };
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
      if (running || outcomes.size > 0) void pass(running);
    });
  };

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
    // Pace from when the post finished, not only when it was claimed (see pacer.ts).
    pacer.posted(pacingKey(w.job, w.links), clock.now());
    return outcomes.record(w.job, sendVerdict(w.job, outcome, verdictContext()));
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
    return outcomes.record(w.job, reconcileVerdict(w.job, answer, verdictContext()));
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
