// What a vendor call can fail with, as the dispatcher needs it: a class, the vendor's words, a wait, and
// whether the request may already have taken effect. Vendor clients throw (or return) these.
export const failureKinds = [
  'auth', // token refused or revoked: pause the whole vendor until it is replaced
  'permission', // token valid but lacks a scope / role
  'validation', // the vendor refused this request's content
  'not_found', // the target (channel, ticket, incident) does not exist
  'conflict', // the vendor says it already exists in a conflicting state
  'rate_limited', // 429: wait retryAfterMs
  'server', // 5xx
  'network', // could not connect / connection dropped
  'timeout', // no answer in time
  'malformed', // an answer we could not read
] as const;
export type FailureKind = (typeof failureKinds)[number];

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

/** Thrown by executors/clients; anything carrying `kind` (or `failureKind`) is read the same way. */
export class VendorError extends Error implements VendorFailure {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly extra: { retryAfterMs?: number; mayHaveApplied?: boolean; status?: number } = {},
  ) {
    super(message);
    this.name = 'VendorError';
  }
  get retryAfterMs() {
    return this.extra.retryAfterMs;
  }
  get mayHaveApplied() {
    return this.extra.mayHaveApplied;
  }
  get status() {
    return this.extra.status;
  }
}

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
