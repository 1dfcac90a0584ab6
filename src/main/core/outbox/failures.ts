// What a vendor call can fail with, as the dispatcher needs it: a class, the vendor's words, a wait, and
// whether the request may already have taken effect. Vendor clients throw (or return) these.
import { vendorErrorKinds, type VendorErrorKind } from '../integrations/errors';

/**
 * auth: token refused or revoked (pause the whole vendor until it is replaced); permission: token valid but
 * lacks a scope / role; validation: the vendor refused this request's content; not_found: the target does not
 * exist; conflict: it already exists in a conflicting state; rate_limited: wait retryAfterMs; server: 5xx;
 * network: could not connect / dropped; timeout: no answer in time; malformed: an answer we could not read.
 */
export const failureKinds = vendorErrorKinds;
export type FailureKind = VendorErrorKind;

export interface VendorFailure {
  kind: FailureKind;
  /** The vendor's own message plus the operation, for people. Never contains a token. */
  message: string;
  /** From Retry-After / PagerDuty ratelimit-reset, in milliseconds. */
  retryAfterMs?: number;
  /** True when the request may have reached the vendor (timeout after send, reset mid-answer). */
  mayHaveApplied?: boolean;
  status?: number;
}

const isKind = (v: unknown): v is FailureKind =>
  typeof v === 'string' && (failureKinds as readonly string[]).includes(v);

// The one error class is integrations/errors.ts's VendorError (its kinds are failureKinds); re-exported here.
export { VendorError } from '../integrations/errors';

/**
 * Reads any thrown value as a VendorFailure (duck-typed, so the integration clients' own error classes work
 * if they expose `kind` or `failureKind`, `retryAfterMs`, `mayHaveApplied`). An unknown throw may have
 * happened after the request left, so it is treated as a network failure that may have applied.
 */
export function toVendorFailure(err: unknown): VendorFailure {
  if (err && typeof err === 'object') {
    const o = err as Record<string, unknown>;
    const kind = isKind(o.kind) ? o.kind : isKind(o.failureKind) ? o.failureKind : undefined;
    const message = typeof o.message === 'string' ? o.message : 'no message';
    if (kind) {
      return {
        kind,
        message,
        retryAfterMs: typeof o.retryAfterMs === 'number' && o.retryAfterMs >= 0 ? o.retryAfterMs : undefined,
        mayHaveApplied: typeof o.mayHaveApplied === 'boolean' ? o.mayHaveApplied : kind === 'timeout',
        status: typeof o.status === 'number' ? o.status : undefined,
      };
    }
    return { kind: 'network', message: `unexpected error: ${message}`, mayHaveApplied: true };
  }
  return { kind: 'network', message: `unexpected error: ${String(err)}`, mayHaveApplied: true };
}
