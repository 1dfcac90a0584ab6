// What an attempt's answer means for the job (and its vendor), decided without touching the database: the
// dispatcher records verdicts in its next pass. Send answers go through the retry policy; reconcile answers
// say whether the vendor has the effect.
import type { OutboxJob } from '../../../shared/outbox';
import type { Settle } from '../db/repos/outboxDispatch';
import type { ExecOutcome, ReconcileOutcome } from './executors';
import { toVendorFailure } from './failures';
import { backoffMs, decide, type Random, type RetryConfig } from './retryPolicy';

export interface Verdict {
  settle: Settle;
  /** The token was refused: pause every job of the vendor until it is replaced. */
  reconnect?: string;
  /** A rate limit applies to the vendor's whole bucket, not just this job. */
  pauseVendorUntil?: number;
}

export interface VerdictContext {
  now: number;
  online: boolean;
  random: Random;
  cfg: RetryConfig;
}

export function sendVerdict(job: OutboxJob, outcome: ExecOutcome, c: VerdictContext): Verdict {
  if (outcome.status === 'done') return { settle: { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} } };
  const f = outcome.failure;
  if (!c.online && (f.kind === 'network' || f.kind === 'timeout') && !f.mayHaveApplied) {
    // Offline is not the job's fault: give the attempt back and wait for the network.
    return { settle: { state: 'retrying', nextAt: c.now, lastError: 'Waiting for the network.', refund: 1 } };
  }
  const d = decide(f, job.attempts, c.now, c.random, c.cfg);
  switch (d.action) {
    case 'reconnect':
      return { settle: { state: 'queued', nextAt: c.now, lastError: d.reason, refund: 1 }, reconnect: d.reason };
    case 'retry':
      return { settle: { state: 'retrying', nextAt: d.at, lastError: d.reason }, ...(d.pauseVendorUntil ? { pauseVendorUntil: d.pauseVendorUntil } : {}) };
    case 'uncertain':
      return { settle: { state: 'uncertain', nextAt: d.at, lastError: d.reason } };
    case 'dead':
      return { settle: { state: 'dead', nextAt: null, lastError: `${job.kind}: ${d.reason}` } };
  }
}

/** A reconcile's answer, or what it threw: never a resend unless the vendor certainly lacks the effect. */
export function reconcileVerdict(job: OutboxJob, answer: { outcome: ReconcileOutcome } | { thrown: unknown }, c: VerdictContext): Verdict {
  let outcome: ReconcileOutcome;
  if ('thrown' in answer) {
    const f = toVendorFailure(answer.thrown);
    if (f.kind === 'auth') {
      return {
        settle: { state: 'uncertain', nextAt: c.now, lastError: 'Checking whether it was sent, after reconnecting.' },
        reconnect: `The token was refused: ${f.message}`,
      };
    }
    outcome = { status: 'unknown', reason: `could not check (${f.kind}): ${f.message}` };
  } else outcome = answer.outcome;
  switch (outcome.status) {
    case 'done':
      return { settle: { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} } };
    case 'not_sent':
      return { settle: { state: 'retrying', nextAt: c.now, lastError: 'The vendor did not receive it; sending again.' } };
    case 'unknown':
      return {
        settle: {
          state: 'uncertain',
          nextAt: c.now + Math.max(c.cfg.settleMs, backoffMs(job.attempts, c.random, c.cfg)),
          lastError: `Not sure it was sent; checking again later (${outcome.reason}).`,
        },
      };
  }
}
