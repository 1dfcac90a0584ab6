// Classifies @slack/web-api errors (platform ok:false codes, HTTP errors, rate limits, transport) into VendorError.
import type { ErrorCode as SdkErrorCode } from '@slack/web-api';
import { VendorError, classifyTransportError, redact, type VendorErrorKind } from '../errors';

/** The SDK's error codes, spelled out so classifying does not load the SDK (checked against its enum at compile time).
 * */
const ErrorCode = {
  RequestError: 'slack_webapi_request_error',
  HTTPError: 'slack_webapi_http_error',
  PlatformError: 'slack_webapi_platform_error',
  RateLimitedError: 'slack_webapi_rate_limited_error',
} as const satisfies {
  [K in 'RequestError' | 'HTTPError' | 'PlatformError' | 'RateLimitedError']: `${(typeof SdkErrorCode)[K]}`;
};

const KIND_BY_CODE: Record<string, VendorErrorKind> = {
  not_authed: 'auth',
  invalid_auth: 'auth',
  account_inactive: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  missing_scope: 'permission',
  no_permission: 'permission',
  not_allowed_token_type: 'permission',
  restricted_action: 'permission',
  cannot_create_channel: 'permission',
  ekm_access_denied: 'permission',
  not_in_channel: 'permission',
  channel_not_found: 'not_found',
  users_not_found: 'not_found',
  user_not_found: 'not_found',
  message_not_found: 'not_found',
  thread_not_found: 'not_found',
  name_taken: 'conflict',
  already_in_channel: 'conflict',
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  message_limit_exceeded: 'rate_limited',
  internal_error: 'server',
  fatal_error: 'server',
  service_unavailable: 'server',
  request_timeout: 'server',
};

/** Slack error codes are snake_case; anything else in `error` is the raw text of a non-JSON body. */
export const slackErrorKind = (code: string): VendorErrorKind =>
  KIND_BY_CODE[code] ?? (/^[a-z0-9_]+$/.test(code) ? 'validation' : 'malformed');

interface SdkError {
  code?: string;
  message?: string;
  data?: {
    error?: string;
    needed?: string;
    provided?: string;
    errors?: unknown;
    response_metadata?: { retryAfter?: number };
  };
  statusCode?: number;
  retryAfter?: number;
  original?: unknown;
  body?: unknown;
}

export function classifySlack(operation: string, err: unknown, token: string, isWrite: boolean): VendorError {
  if (err instanceof VendorError) return err;
  const e = (err ?? {}) as SdkError;
  const secrets = [token];
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const code = String(e.data?.error ?? 'unknown_error');
      const kind = slackErrorKind(code);
      const extra = code === 'missing_scope' && e.data?.needed ? ` (needed: ${e.data.needed})` : '';
      const retryAfter = e.data?.response_metadata?.retryAfter;
      return new VendorError({
        vendor: 'slack',
        operation,
        kind,
        vendorMessage: redact(
          kind === 'malformed'
            ? `the answer was not JSON (starts with ${JSON.stringify(code.slice(0, 40))})`
            : code + extra,
          secrets,
        ),
        vendorCode: kind === 'malformed' ? undefined : code,
        ...(kind === 'rate_limited' && typeof retryAfter === 'number' ? { retryAfterMs: retryAfter * 1000 } : {}),
        // A garbled 200 answer means Slack processed the call; a server-side error may have too.
        mayHaveApplied: isWrite && (kind === 'malformed' || kind === 'server'),
      });
    }
    case ErrorCode.RateLimitedError:
      return new VendorError({
        vendor: 'slack',
        operation,
        kind: 'rate_limited',
        status: 429,
        vendorMessage: 'ratelimited',
        vendorCode: 'ratelimited',
        retryAfterMs: (e.retryAfter ?? 0) * 1000,
      });
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      return new VendorError({
        vendor: 'slack',
        operation,
        kind:
          status >= 500
            ? 'server'
            : status === 408
              ? 'timeout'
              : status === 401
                ? 'auth'
                : status === 403
                  ? 'permission'
                  : status === 404
                    ? 'not_found'
                    : 'validation',
        status,
        vendorMessage: redact(`HTTP ${status}`, secrets),
        mayHaveApplied: isWrite && status >= 500,
      });
    }
    case ErrorCode.RequestError:
      return classifyTransportError('slack', operation, e.original, secrets);
    default: {
      const msg = String(e.message ?? err);
      if (/Retry header did not contain a valid timeout/.test(msg))
        return new VendorError({
          vendor: 'slack',
          operation,
          kind: 'rate_limited',
          status: 429,
          vendorMessage: 'ratelimited (no usable Retry-After)',
          vendorCode: 'ratelimited',
        });
      return classifyTransportError('slack', operation, err, secrets);
    }
  }
}
