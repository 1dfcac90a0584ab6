// One error type for every vendor failure, the per-vendor classifiers, and plain-words explanations.
import { vendorLabels } from '../../../shared/labels';

export type VendorName = 'pagerduty' | 'freshdesk' | 'slack' | 'github';

export const vendorErrorKinds = [
  'auth',
  'permission',
  'validation',
  'not_found',
  'conflict',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'malformed',
] as const;
export type VendorErrorKind = (typeof vendorErrorKinds)[number];

export interface VendorErrorInit {
  /** Absent when the error is Conn's own refusal (an executor that will not make a request). */
  vendor?: VendorName;
  operation?: string;
  kind: VendorErrorKind;
  vendorMessage: string;
  status?: number;
  retryAfterMs?: number;
  /** The vendor's own error code, e.g. Slack `name_taken`, PagerDuty 2001, Freshdesk `invalid_value`. */
  vendorCode?: string;
  /** True when the request may have reached the vendor and taken effect (reconcile before retrying). */
  mayHaveApplied?: boolean;
}

/** The short form's extras: `new VendorError('rate_limited', 'slow', { retryAfterMs: 3000 })`. */
export interface VendorErrorExtra {
  retryAfterMs?: number;
  mayHaveApplied?: boolean;
  status?: number;
}

/**
 * The one error every vendor failure travels as: clients throw it with the vendor and operation (its message
 * then says which call failed); executors and tests may throw the short form `(kind, message, extra)`, whose
 * message is taken as is. The dispatcher reads either through `toVendorFailure` (outbox/failures.ts).
 */
export class VendorError extends Error {
  readonly vendor?: VendorName;
  readonly operation?: string;
  readonly kind: VendorErrorKind;
  readonly vendorMessage: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly vendorCode?: string;
  readonly mayHaveApplied: boolean;

  constructor(init: VendorErrorInit);
  constructor(kind: VendorErrorKind, message: string, extra?: VendorErrorExtra);
  constructor(first: VendorErrorInit | VendorErrorKind, message?: string, extra: VendorErrorExtra = {}) {
    const init: VendorErrorInit =
      typeof first === 'string' ? { kind: first, vendorMessage: message ?? '', ...extra } : first;
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    const what = init.vendor ? `${vendorLabels[init.vendor]} ${init.operation ?? 'call'}` : '';
    super(
      typeof first === 'string' || !init.vendor
        ? init.vendorMessage
        : `${what} failed: ${init.kind}${status}: ${init.vendorMessage}`,
    );
    this.name = 'VendorError';
    if (init.vendor !== undefined) this.vendor = init.vendor;
    if (init.operation !== undefined) this.operation = init.operation;
    this.kind = init.kind;
    this.vendorMessage = init.vendorMessage;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.vendorCode !== undefined) this.vendorCode = init.vendorCode;
    // The short form reads like the dispatcher always has: a timeout may have applied unless told otherwise.
    this.mayHaveApplied = init.mayHaveApplied ?? (typeof first === 'string' && init.kind === 'timeout');
  }

  /** Retrying later may succeed (rate limits, outages, network trouble). */
  get retryable(): boolean {
    return ['rate_limited', 'server', 'network', 'timeout'].includes(this.kind);
  }

  /** The whole integration is unusable until the user fixes the connection. */
  get needsReconnect(): boolean {
    return this.kind === 'auth' || this.kind === 'permission';
  }
}

export const isVendorError = (e: unknown): e is VendorError => e instanceof VendorError;

/** Removes secrets (and their Basic-auth encodings) and anything that looks like a token from text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    const forms = [s, Buffer.from(`${s}:X`).toString('base64'), encodeURIComponent(s)];
    for (const f of forms) out = out.split(f).join('[redacted]');
  }
  return out
    .replace(/xox[abposer]-[A-Za-z0-9-]+/g, '[redacted]')
    .replace(/\b(github_pat_[A-Za-z0-9_]+|gh[pousr]_[A-Za-z0-9]{20,})/g, '[redacted]')
    .replace(/(Token token=)[^\s"',]+/gi, '$1[redacted]')
    .replace(/(Bearer |Basic )[A-Za-z0-9+/=._-]+/g, '$1[redacted]');
}

/** Parses Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Classifies an exception thrown by fetch (no HTTP response at all). */
export function classifyTransportError(
  vendor: VendorName,
  operation: string,
  err: unknown,
  secrets: readonly string[] = [],
): VendorError {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const name = e?.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new VendorError({
      vendor,
      operation,
      kind: 'timeout',
      vendorMessage: 'no answer before the time limit',
      mayHaveApplied: true,
    });
  }
  const code = e?.cause?.code ?? e?.code ?? '';
  const detail = redact([e?.message, e?.cause?.message].filter(Boolean).join(': ') || 'request failed', secrets);
  // Refused or unresolvable: the request never left this machine, so it cannot have taken effect.
  const neverSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code);
  return new VendorError({
    vendor,
    operation,
    kind: 'network',
    vendorMessage: code ? `${detail} (${code})` : detail,
    vendorCode: code || undefined,
    mayHaveApplied: !neverSent,
  });
}

/** What one vendor's own rules read from an HTTP error answer (its status, headers and body). */
export interface HttpFailureReading {
  kind: VendorErrorKind;
  message: string;
  /** The vendor's own error code, when the answer carried one (an empty code is left out). */
  code?: string | undefined;
  retryAfterMs?: number | undefined;
  /** The answer leaves open whether a write took effect; by default any 5xx does. */
  uncertain?: boolean;
}

/**
 * The VendorError for a non-2xx answer, built the same way for every HTTP vendor (GitHub, Freshdesk, PagerDuty):
 * each passes only what its own status rules read from the answer.
 */
export function vendorErrorFrom(
  vendor: VendorName,
  operation: string,
  status: number,
  isWrite: boolean,
  reading: HttpFailureReading,
): VendorError {
  return new VendorError({
    vendor,
    operation,
    kind: reading.kind,
    status,
    vendorMessage: reading.message,
    ...(reading.code ? { vendorCode: reading.code } : {}),
    ...(reading.retryAfterMs !== undefined ? { retryAfterMs: reading.retryAfterMs } : {}),
    mayHaveApplied: isWrite && (reading.uncertain ?? status >= 500),
  });
}

/** Maps an HTTP status (PagerDuty and Freshdesk) to a kind. */
export function kindForStatus(status: number): VendorErrorKind {
  if (status === 401) return 'auth';
  if (status === 402 || status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'validation';
}

const reconnect = (v: VendorName | undefined) => `Open Connections and reconnect ${v ? vendorLabels[v] : 'it'}.`;

/** Plain words for "Test connection" and for failed jobs. Never includes secrets. */
export function explainVendorError(err: unknown): string {
  if (!(err instanceof VendorError))
    return 'Something unexpected went wrong. Try again; if it keeps failing, check the logs.';
  const v = err.vendor ? vendorLabels[err.vendor] : 'The service';
  const msg = err.vendorMessage;
  switch (err.kind) {
    case 'auth':
      return err.vendorCode === 'token_revoked' || err.vendorCode === 'account_inactive'
        ? `${v} says this token was revoked or its account is inactive. ${reconnect(err.vendor)}`
        : `${v} did not accept the token: it may be mistyped, revoked or expired. ${reconnect(err.vendor)}`;
    case 'permission':
      if (err.vendorCode === 'missing_scope')
        return (
          `The ${v} token works but lacks a permission (scope) Conn needs: ${msg}. Add it to the app and ` +
          `reinstall, then reconnect.`
        );
      if (err.vendor === 'github')
        return (
          `The GitHub token works but may not do this in that repository (${msg}). Give the fine-grained token ` +
          `access to the repository, with Issues, Contents and Pull requests set to read and write.`
        );
      return `The ${v} token works but is not allowed to do this (${msg}). Use a token with more access.`;
    case 'not_found':
      if (err.vendor === 'freshdesk' && err.operation === 'identify')
        return 'Freshdesk answered "not found": the domain is probably wrong (use the part before .freshdesk.com).';
      return `${v} could not find it (${msg}). It may have been deleted, or the id is wrong.`;
    case 'network':
      if (err.vendorCode === 'ENOTFOUND' || err.vendorCode === 'EAI_AGAIN')
        return err.vendor === 'freshdesk'
          ? 'Could not find that Freshdesk domain. Check the spelling, or your network connection.'
          : `Could not reach ${v}: the address did not resolve. Check your network connection.`;
      return `Could not reach ${v}. Check your network connection; Conn will retry queued work when it is back.`;
    case 'timeout':
      return `${v} did not answer in time. It may be slow or your network may be down; Conn will retry.`;
    case 'rate_limited':
      return err.retryAfterMs !== undefined
        ? `${v} asked Conn to slow down; retrying in ${Math.ceil(err.retryAfterMs / 1000)} s.`
        : `${v} asked Conn to slow down; retrying shortly.`;
    case 'server':
      return `${v} had a problem on its side (${msg}). Conn will retry.`;
    case 'malformed':
      return `${v} sent an answer Conn could not understand (${msg}).`;
    case 'conflict':
      return `${v} refused because it already exists (${msg}).`;
    case 'validation':
      if (err.vendor === 'pagerduty' && /from/i.test(msg) && /user|email/i.test(msg))
        return `PagerDuty did not accept the "From" e-mail: it must belong to a user on the account (${msg}).`;
      return `${v} refused the request: ${msg}.`;
  }
}
