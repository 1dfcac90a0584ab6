// The outbox dispatcher: claims due jobs in a short transaction, sends them outside any transaction through
// the executors, settles each (sent / retry at T / uncertain / dead), and reconciles uncertain jobs first.
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { jobPayloads, type JobKind, type OutboxJob, type Vendor } from '../../../shared/outbox';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxDispatchRepo, type Settle } from '../db/repos/outboxDispatch';
import { vendorStateRepo } from '../db/repos/vendorState';
import type { EventBus } from '../events';
import { silentLogger, type Clock, type Logger } from '../ports';
import { executorFor, type ExecContext, type ExecOutcome, type ExecutorRegistry, type IsConfigured, type ReconcileOutcome } from './executors';
import { toVendorFailure, type VendorFailure } from './failures';
import { linksFrom, type IncidentLinks } from './links';
import type { NetworkStatus, Timer } from './ports';
import { backoffMs, decide, defaultRetryConfig, type Random, type RetryConfig } from './retryPolicy';
import { outboxStatus } from './status';

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
  /** Stops claiming and waits for sends already in flight. */
  stop(): Promise<void>;
  /** Something was enqueued or changed: look now. */
  kick(): void;
  /** Marks jobs left in 'sending' by a previous run as 'uncertain'. Called by start(). */
  recover(): void;
  /** One pass: reconcile and send everything due now, and wait for those to settle (tests). */
  runOnce(): Promise<number>;
  /** When the next job becomes due (epoch ms), or null if nothing waits on time. */
  nextWakeAt(): number | null;
  readonly running: boolean;
}

type Work = { job: OutboxJob; mode: 'send' | 'reconcile'; links: IncidentLinks };

const SENDABLE = new Set(['queued', 'retrying']);

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, clock, bus, network } = deps;
  const random = deps.random ?? Math.random;
  const cfg = deps.retry ?? defaultRetryConfig;
  const pacingMs = deps.slackPacingMs ?? 1000;
  const log = deps.logger ?? silentLogger;
  const owner = randomBytes(8).toString('hex');
  const repo = outboxDispatchRepo(db);
  const vendorState = vendorStateRepo(db);
  const incidents = incidentsRepo(db);
  const lastPost = new Map<string, number>(); // pacing key -> when the last post to it was claimed or finished
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let timerHandle: unknown = null;
  let unsubscribeNetwork: (() => void) | null = null;

  const changed = (job: OutboxJob | undefined) => {
    if (job) bus.emit('outbox.changed', job);
  };
  const statusChanged = () => bus.emit('outbox.statusChanged', outboxStatus(db, network.isOnline(), deps.isConfigured, clock.now()));

  const pacingKey = (job: OutboxJob, links: IncidentLinks): string | null =>
    job.kind === 'slack.postMessage' ? `slack:${links.slackChannelId ?? job.incidentId ?? '-'}` : null;

  const linksFor = (job: OutboxJob): IncidentLinks =>
    job.incidentId ? linksFrom(incidents.get(job.incidentId), repo.sentResults(job.incidentId)) : {};

  /** Why a head may not move now: returns the time it may, or null if it waits on something other than time. */
  const readyAt = (job: OutboxJob, registry: ExecutorRegistry, now: number): number | null => {
    const v = vendorState.get(job.vendor);
    if (v.state === 'reconnect' || !deps.isConfigured(job.vendor) || !executorFor(registry, job.kind)) return null;
    if (job.state !== 'uncertain' && !SENDABLE.has(job.state)) return null;
    let at = job.nextAt ? Date.parse(job.nextAt) : now;
    if (v.pausedUntil !== null) at = Math.max(at, v.pausedUntil);
    if (job.state !== 'uncertain') {
      const key = pacingKey(job, linksFor(job));
      const last = key ? lastPost.get(key) : undefined;
      if (last !== undefined) at = Math.max(at, last + pacingMs);
    }
    return at;
  };

  // The claim: one short IMMEDIATE transaction; nothing awaited inside.
  const claimDue = db.transaction((now: number, registry: ExecutorRegistry): Work[] => {
    const work: Work[] = [];
    for (const head of repo.heads()) {
      const at = readyAt(head, registry, now);
      if (at === null || at > now) continue;
      const links = linksFor(head);
      if (head.state === 'uncertain') {
        const job = repo.claimReconcile(head.id, owner);
        if (job) work.push({ job, mode: 'reconcile', links });
      } else {
        const job = repo.claimSend(head.id, owner, now);
        if (!job) continue;
        const key = pacingKey(job, links);
        if (key) lastPost.set(key, now);
        work.push({ job, mode: 'send', links });
      }
    }
    return work;
  });

  const contextFor = <K extends JobKind>(job: OutboxJob, links: IncidentLinks): ExecContext<K> => ({
    payload: jobPayloads[job.kind].parse(job.payload) as ExecContext<K>['payload'],
    incident: job.incidentId ? incidents.get(job.incidentId) : undefined,
    links,
    marker: `conn:${job.id}`,
    attempt: job.attempts,
    claimedAt: repo.claimedAt(job.id),
  });

  const settleRow = (job: OutboxJob, s: Settle) => {
    const redact = deps.redact ?? ((t: string) => t);
    const done = repo.settle(job.id, owner, clock.now(), { ...s, lastError: s.lastError === null ? null : redact(s.lastError) });
    if (!done) log.warn('outbox settle skipped: lease lost', { jobId: job.id });
    return done;
  };
  const settle = (job: OutboxJob, s: Settle) => changed(settleRow(job, s));

  const pauseForReconnect = (vendor: Vendor, reason: string) => {
    vendorState.needReconnect(vendor, reason, clock.now());
    statusChanged();
  };

  const onSendFailure = (job: OutboxJob, f: VendorFailure) => {
    const now = clock.now();
    if (!network.isOnline() && (f.kind === 'network' || f.kind === 'timeout') && !f.mayHaveApplied) {
      // Offline is not the job's fault: give the attempt back and wait for the network.
      return settle(job, { state: 'retrying', nextAt: now, lastError: 'Waiting for the network.', refund: 1 });
    }
    const d = decide(f, job.attempts, now, random, cfg);
    switch (d.action) {
      case 'reconnect': {
        const settled = db.transaction(() => {
          vendorState.needReconnect(job.vendor, d.reason, now);
          return settleRow(job, { state: 'queued', nextAt: now, lastError: d.reason, refund: 1 });
        }).immediate();
        changed(settled);
        return statusChanged();
      }
      case 'retry':
        if (d.pauseVendorUntil) vendorState.pauseUntil(job.vendor, d.pauseVendorUntil, now);
        return settle(job, { state: 'retrying', nextAt: d.at, lastError: d.reason });
      case 'uncertain':
        return settle(job, { state: 'uncertain', nextAt: d.at, lastError: d.reason });
      case 'dead':
        return settle(job, { state: 'dead', nextAt: null, lastError: `${job.kind}: ${d.reason}` });
    }
  };

  const send = async (w: Work) => {
    const registry = deps.executors();
    const ex = executorFor(registry, w.job.kind);
    let outcome: ExecOutcome;
    try {
      if (!ex) throw new Error('no executor');
      outcome = await ex.send(w.job, contextFor(w.job, w.links));
    } catch (err) {
      outcome = { status: 'failed', failure: toVendorFailure(err) };
    }
    // Pace from when the post finished, not when it was claimed: the vendor counts arrivals, and a slow
    // request followed by a fast one would otherwise land less than the pacing interval apart (and draw a 429).
    const paced = pacingKey(w.job, w.links);
    if (paced) lastPost.set(paced, Math.max(lastPost.get(paced) ?? 0, clock.now()));
    if (outcome.status === 'done') settle(w.job, { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} });
    else onSendFailure(w.job, outcome.failure);
  };

  const reconcile = async (w: Work) => {
    const ex = executorFor(deps.executors(), w.job.kind);
    let outcome: ReconcileOutcome;
    try {
      if (!ex) throw new Error('no executor');
      outcome = await ex.reconcile(w.job, contextFor(w.job, w.links));
    } catch (err) {
      const f = toVendorFailure(err);
      if (f.kind === 'auth') {
        pauseForReconnect(w.job.vendor, `The token was refused: ${f.message}`);
        return settle(w.job, { state: 'uncertain', nextAt: clock.now(), lastError: 'Checking whether it was sent, after reconnecting.' });
      }
      outcome = { status: 'unknown', reason: `could not check (${f.kind}): ${f.message}` };
    }
    const now = clock.now();
    switch (outcome.status) {
      case 'done':
        return settle(w.job, { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} });
      case 'not_sent':
        return settle(w.job, { state: 'retrying', nextAt: now, lastError: 'The vendor did not receive it; sending again.' });
      case 'unknown':
        return settle(w.job, {
          state: 'uncertain',
          nextAt: now + Math.max(cfg.settleMs, backoffMs(w.job.attempts, random, cfg)),
          lastError: `Not sure it was sent; checking again later (${outcome.reason}).`,
        });
    }
  };

  const dispatchDue = (): Promise<void>[] => {
    if (!network.isOnline()) return [];
    const registry = deps.executors();
    const work = claimDue.immediate(clock.now(), registry);
    return work.map((w) => {
      if (w.mode === 'send') changed(w.job);
      const p = (w.mode === 'send' ? send(w) : reconcile(w)).catch((err: unknown) => {
        log.error('outbox dispatch failed', { jobId: w.job.id, error: err instanceof Error ? err.message : String(err) });
      });
      const tracked = p.finally(() => {
        inFlight.delete(tracked);
        if (running) pump();
      });
      inFlight.add(tracked);
      return tracked;
    });
  };

  const nextWakeAt = (): number | null => {
    const now = clock.now();
    const registry = deps.executors();
    let next: number | null = null;
    for (const head of repo.heads()) {
      const at = readyAt(head, registry, now);
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  };

  const schedule = () => {
    if (timerHandle !== null) deps.timer.clear(timerHandle);
    timerHandle = null;
    if (!running || !network.isOnline()) return;
    const at = nextWakeAt();
    if (at === null) return;
    timerHandle = deps.timer.set(() => {
      timerHandle = null;
      pump();
    }, Math.max(0, at - clock.now()));
  };

  function pump(): void {
    if (!running) return;
    try {
      dispatchDue();
    } catch (err) {
      log.error('outbox claim failed', { error: err instanceof Error ? err.message : String(err) });
    }
    schedule();
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
        pump();
      });
      pump();
    },
    async stop() {
      running = false;
      if (timerHandle !== null) deps.timer.clear(timerHandle);
      timerHandle = null;
      unsubscribeNetwork?.();
      unsubscribeNetwork = null;
      await Promise.all([...inFlight]);
    },
    kick() {
      pump();
    },
    recover() {
      for (const job of repo.recover(clock.now())) changed(job);
    },
    async runOnce() {
      const started = dispatchDue();
      await Promise.all(started);
      return started.length;
    },
    nextWakeAt,
  };
}
