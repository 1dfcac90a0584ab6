// The retry policy, pure: given a failure, the attempt count, the time and a random source, what happens next.
import { assertNever } from '../../../shared/result';
import type { VendorFailure } from './failures';

export interface RetryConfig {
  baseMs: number;
  capMs: number;
  /** How long to wait before reading the vendor's state after a send that may have applied. */
  settleMs: number;
  /** Checks of an uncertain job before it needs the user (default MAX_CHECKS). */
  maxChecks?: number;
}
export const defaultRetryConfig: RetryConfig = { baseMs: 1000, capMs: 5 * 60_000, settleMs: 10_000 };

export type Random = () => number; // [0, 1)

/** Full jitter (Brooker): uniformly in [0, min(cap, base·2^(attempt-1))]. attempt is 1 for the first failure. */
export function backoffMs(attempt: number, random: Random, cfg: RetryConfig = defaultRetryConfig): number {
  const exp = Math.min(cfg.capMs, cfg.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
  return Math.floor(random() * exp);
}

export type Decision =
  | { action: 'retry'; at: number; reason: string; pauseVendorUntil?: number }
  | { action: 'uncertain'; at: number; reason: string }
  | { action: 'dead'; reason: string }
  | { action: 'reconnect'; reason: string };

export function decide(
  failure: VendorFailure,
  attempt: number,
  now: number,
  random: Random,
  cfg: RetryConfig = defaultRetryConfig,
): Decision {
  const jitter = backoffMs(attempt, random, cfg);
  switch (failure.kind) {
    case 'auth':
      return { action: 'reconnect', reason: `The token was refused: ${failure.message}` };
    case 'rate_limited': {
      const wait = Math.max(failure.retryAfterMs ?? 0, jitter);
      // The wait applies to the vendor's bucket, not just this job: nothing else to it should go out first.
      return {
        action: 'retry',
        at: now + wait,
        reason: `Rate limited: ${failure.message}`,
        pauseVendorUntil: now + (failure.retryAfterMs ?? wait),
      };
    }
    case 'server':
    case 'network':
    case 'timeout':
      if (failure.mayHaveApplied) {
        return {
          action: 'uncertain',
          at: now + Math.max(cfg.settleMs, failure.retryAfterMs ?? 0),
          reason: `May have been sent (${failure.kind}): ${failure.message}`,
        };
      }
      return {
        action: 'retry',
        at: now + Math.max(failure.retryAfterMs ?? 0, jitter),
        reason: `${failure.kind}: ${failure.message}`,
      };
    case 'malformed':
      // A success with an unreadable body may well have applied: check before anything else.
      if (failure.mayHaveApplied)
        return { action: 'uncertain', at: now + cfg.settleMs, reason: `Unreadable answer: ${failure.message}` };
      return { action: 'dead', reason: `Unreadable answer: ${failure.message}` };
    case 'permission':
      return { action: 'dead', reason: `Not allowed: ${failure.message}` };
    case 'validation':
      return { action: 'dead', reason: `Refused: ${failure.message}` };
    case 'not_found':
      return { action: 'dead', reason: `Not found: ${failure.message}` };
    case 'conflict':
      return { action: 'dead', reason: `Conflict: ${failure.message}` };
    default:
      return assertNever(failure.kind, 'failure kind');
  }
}
