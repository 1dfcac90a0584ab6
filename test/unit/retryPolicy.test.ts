import { describe, expect, it } from 'vitest';
import { backoffMs, decide, defaultRetryConfig as cfg } from '../../src/main/core/outbox/retryPolicy';
import { toVendorFailure, VendorError, type FailureKind } from '../../src/main/core/outbox/failures';

// A seeded generator so the jitter test is repeatable.
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

describe('retry policy', () => {
  it('full jitter: delays in [0, min(cap, base·2^(n-1))], spread out, never above the cap', () => {
    const rnd = lcg(42);
    for (let n = 1; n <= 20; n++) {
      const bound = Math.min(cfg.capMs, cfg.baseMs * 2 ** (n - 1));
      const xs = Array.from({ length: 500 }, () => backoffMs(n, rnd));
      for (const x of xs) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(bound);
      }
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      expect(sd / mean).toBeGreaterThan(0.3);
    }
    expect(backoffMs(1000, () => 0.999999)).toBeLessThanOrEqual(cfg.capMs);
  });

  const now = 1_000_000;
  const table: Array<[FailureKind, boolean | undefined, string]> = [
    ['auth', undefined, 'reconnect'],
    ['permission', undefined, 'dead'],
    ['validation', undefined, 'dead'],
    ['not_found', undefined, 'dead'],
    ['conflict', undefined, 'dead'],
    ['rate_limited', undefined, 'retry'],
    ['server', false, 'retry'],
    ['server', true, 'uncertain'],
    ['network', false, 'retry'],
    ['network', true, 'uncertain'],
    ['timeout', true, 'uncertain'],
    ['timeout', false, 'retry'],
    ['malformed', false, 'dead'],
    ['malformed', true, 'uncertain'],
  ];
  it.each(table)('%s (may have applied: %s) → %s', (kind, mayHaveApplied, action) => {
    expect(decide({ kind, message: 'm', mayHaveApplied }, 1, now, () => 0.5).action).toBe(action);
  });

  it('waits at least Retry-After, and pauses the vendor for it', () => {
    const d = decide({ kind: 'rate_limited', message: '429', retryAfterMs: 7000 }, 1, now, () => 0.1);
    expect(d).toMatchObject({ action: 'retry', at: now + 7000, pauseVendorUntil: now + 7000 });
    const long = decide({ kind: 'rate_limited', message: '429', retryAfterMs: 10 }, 12, now, () => 0.99);
    expect(long.action === 'retry' && long.at - now).toBeGreaterThan(10); // jittered backoff wins when longer
  });

  it('an uncertain send waits the settle delay before reconciling', () => {
    expect(decide({ kind: 'timeout', message: 't', mayHaveApplied: true }, 1, now, () => 0)).toMatchObject({
      action: 'uncertain',
      at: now + cfg.settleMs,
    });
  });

  it('reads thrown errors: VendorError, duck-typed client errors, and unknown throws (as maybe applied)', () => {
    expect(toVendorFailure(new VendorError('rate_limited', 'slow', { retryAfterMs: 3000 }))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(toVendorFailure({ failureKind: 'auth', message: 'invalid_auth' })).toMatchObject({
      kind: 'auth',
      mayHaveApplied: false,
    });
    expect(toVendorFailure(new VendorError('timeout', 'late'))).toMatchObject({
      kind: 'timeout',
      mayHaveApplied: true,
    });
    expect(toVendorFailure(new TypeError('boom'))).toMatchObject({ kind: 'network', mayHaveApplied: true });
    expect(toVendorFailure('weird')).toMatchObject({ kind: 'network' });
  });
});
