// What an attempt's answer means for the job (and its vendor), decided without touching the database: the
// dispatcher records verdicts in its next pass. Send answers go through the retry policy; reconcile answers
// say whether the vendor has the effect.
import { checkDelayMs, MAX_CHECKS, type OutboxJob } from '../../../shared/outbox';
import { vendorLabels } from '../../../shared/labels';
import type { Settle } from '../db/repos/outboxDispatch';
import type { ExecOutcome, ReconcileOutcome } from './executors';
import { toVendorFailure, type VendorFailure } from './failures';
import { decide, type Random, type RetryConfig } from './retryPolicy';

/** Whether the vendor could be reached at all: any answer says yes; a network failure, timeout or 5xx says no. */
export type Reach = { reachable: true } | { reachable: false; reason: string; error: string };

/** A failure that says the vendor could not be reached, in plain words (the raw error kept beside it). */
export function unreachableFrom(job: Pick<OutboxJob, 'vendor'>, f: VendorFailure): Reach {
  const name = vendorLabels[job.vendor];
  switch (f.kind) {
    case 'network':
      return {
        reachable: false,
        reason: `${name} cannot be reached (the connection failed). Conn keeps trying; nothing is lost.`,
        error: f.message,
      };
    case 'timeout':
      return {
        reachable: false,
        reason: `${name} does not answer in time. Conn keeps trying; nothing is lost.`,
        error: f.message,
      };
    case 'server':
      return {
        reachable: false,
        reason:
          `${name} has a problem on its side${f.status ? ` (HTTP ${f.status})` : ''}. Conn keeps trying; ` +
          `nothing is lost.`,
        error: f.message,
      };
    default:
      return { reachable: true };
  }
}

export interface Verdict {
  settle: Settle;
  /** The token was refused: pause every job of the vendor until it is replaced. */
  reconnect?: string;
  /** A rate limit applies to the vendor's whole bucket, not just this job. */
  pauseVendorUntil?: number;
  /** Whether this answer shows the vendor reachable (absent: it says nothing, e.g. offline). */
  reach?: Reach;
}

export interface VerdictContext {
  now: number;
  online: boolean;
  random: Random;
  cfg: RetryConfig;
}

export function sendVerdict(job: OutboxJob, outcome: ExecOutcome, c: VerdictContext): Verdict {
  if (outcome.status === 'done')
    return {
      settle: { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} },
      reach: { reachable: true },
    };
  const f = outcome.failure;
  if (!c.online && (f.kind === 'network' || f.kind === 'timeout') && !f.mayHaveApplied) {
    // Offline is not the job's fault: give the attempt back and wait for the network.
    return { settle: { state: 'retrying', nextAt: c.now, lastError: 'Waiting for the network.', refund: 1 } };
  }
  const reach = unreachableFrom(job, f);
  const d = decide(f, job.attempts, c.now, c.random, c.cfg);
  switch (d.action) {
    case 'reconnect':
      return { settle: { state: 'queued', nextAt: c.now, lastError: d.reason, refund: 1 }, reconnect: d.reason, reach };
    case 'retry':
      return {
        settle: { state: 'retrying', nextAt: d.at, lastError: d.reason },
        reach,
        ...(d.pauseVendorUntil ? { pauseVendorUntil: d.pauseVendorUntil } : {}),
      };
    case 'uncertain':
      return { settle: { state: 'uncertain', nextAt: d.at, lastError: d.reason, checks: 0 }, reach };
    case 'dead':
      return { settle: { state: 'dead', nextAt: null, lastError: `${job.kind}: ${d.reason}` }, reach };
  }
}

/** A reconcile's answer, or what it threw: never a resend unless the vendor certainly lacks the effect. */
export function reconcileVerdict(
  job: OutboxJob,
  answer: { outcome: ReconcileOutcome } | { thrown: unknown },
  c: VerdictContext,
): Verdict {
  let outcome: ReconcileOutcome;
  let reach: Reach | undefined;
  if ('thrown' in answer) {
    const f = toVendorFailure(answer.thrown);
    if (f.kind === 'auth') {
      return {
        // A refused token is not a failed check: the count stays, and the check runs again after reconnecting.
        settle: {
          state: 'uncertain',
          nextAt: c.now,
          lastError: 'Checking whether it was sent, after reconnecting.',
          checks: job.checks,
        },
        reconnect: `The token was refused: ${f.message}`,
        reach: { reachable: true },
      };
    }
    reach = c.online ? unreachableFrom(job, f) : undefined;
    outcome = { status: 'unknown', reason: `could not check (${f.kind}): ${f.message}` };
  } else {
    outcome = answer.outcome;
    reach = { reachable: true };
  }
  const name = vendorLabels[job.vendor];
  switch (outcome.status) {
    case 'done':
      return { settle: { state: 'sent', nextAt: null, lastError: null, result: outcome.result ?? {} }, reach };
    case 'not_sent':
      return {
        settle: { state: 'retrying', nextAt: c.now, lastError: 'The vendor did not receive it; sending again.' },
        reach,
      };
    case 'unknown': {
      // Bounded: after the last check the job needs the user; only its own order key waits behind it.
      const checks = job.checks + 1;
      const max = c.cfg.maxChecks ?? MAX_CHECKS;
      if (checks >= max) {
        return {
          settle: {
            state: 'needs_you',
            nextAt: null,
            checks,
            lastError:
              `${name} may or may not have it: ${checks} checks could not tell (${outcome.reason}). ` +
              `Choose: it arrived, send again, or discard.`,
          },
          reach,
        };
      }
      return {
        settle: {
          state: 'uncertain',
          nextAt: c.now + checkDelayMs(checks, c.cfg.settleMs),
          checks,
          lastError: `Not sure it was sent; checking again later (check ${checks} of ${max}: ${outcome.reason}).`,
        },
        reach,
      };
    }
  }
}
