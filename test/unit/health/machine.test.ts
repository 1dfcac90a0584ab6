// The probe state machine and the impact proposal: pure rules, no network.
import { describe, expect, it } from 'vitest';
import { proposeImpact } from '../../../src/main/core/health/impact';
import { boundedAll, judge } from '../../../src/main/core/health/machine';
import { healthUrl, isProbeableUrl } from '../../../src/main/core/health/probe';

const pass = { ok: true, detail: '200 in 5 ms' };
const fail = { ok: false, detail: 'answered 503' };

describe('hub probe state machine', () => {
  const upWhenTheProbe =
    'up when the probe passes; down only when the reference check passes; unknown when it fails or Conn is offline';
  it(upWhenTheProbe, () => {
    expect(judge(undefined, pass, 'skipped', 10)).toEqual({
      state: 'up',
      since: 10,
      detail: '200 in 5 ms',
      changed: true,
    });
    expect(judge(undefined, fail, 'ok', 10)).toMatchObject({ state: 'down', changed: true });
    expect(judge(undefined, fail, 'failed', 10)).toMatchObject({
      state: 'unknown',
      detail: expect.stringContaining('reference check failed'),
    });
    expect(judge(undefined, { ok: false, notProbed: true, detail: 'not probed' }, 'ok', 10)).toMatchObject({
      state: 'unknown',
    });
    expect(judge({ state: 'up', since: 1 }, pass, 'offline', 10)).toMatchObject({
      state: 'unknown',
      since: 10,
      changed: true,
    });
  });

  it('keeps since while the state holds and moves it on a change', () => {
    expect(judge({ state: 'down', since: 5 }, fail, 'ok', 10)).toMatchObject({
      state: 'down',
      since: 5,
      changed: false,
    });
    expect(judge({ state: 'down', since: 5 }, pass, 'skipped', 10)).toMatchObject({
      state: 'up',
      since: 10,
      changed: true,
    });
    expect(judge({ state: 'unknown', since: 5 }, fail, 'ok', 10)).toMatchObject({
      state: 'down',
      since: 10,
      changed: true,
    });
  });

  it('never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await boundedAll(
      Array.from({ length: 30 }, (_, i) => i),
      8,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return i * 2;
      },
    );
    expect(most).toBe(8);
    expect(out).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
  });

  it('probes https only, http only on 127.0.0.1', () => {
    expect(healthUrl('ocean-data.seaweed.example.cloud')).toBe('https://ocean-data.seaweed.example.cloud/hub/health');
    expect(healthUrl('127.0.0.1:8123')).toBe('http://127.0.0.1:8123/hub/health');
    expect(healthUrl('a.example', 'http://127.0.0.1:9/hubs')).toBe('http://127.0.0.1:9/hubs/a.example/hub/health');
    expect(healthUrl('a.example', 'http://10.0.0.1/hubs')).toBeNull();
    expect(isProbeableUrl('http://localhost/x')).toBe(false);
    expect(isProbeableUrl('https://user:pw@a.example/')).toBe(false);
  });
});

describe('impact proposal', () => {
  const min = 60_000;
  const base = { includedHubIds: ['c/a', 'c/b'], ticket: null, exitWindowMs: 30 * min };

  it('proposes no end before any failure, and the ticket as start when it is all there is', () => {
    const p = proposeImpact({
      ...base,
      changes: [],
      current: new Map(),
      ticket: { at: 0, label: 'The ticket was opened' },
      now: 100 * min,
    });
    expect(p.start).toEqual({ at: new Date(0).toISOString(), evidence: 'The ticket was opened' });
    expect(p.end).toBeNull();
    expect(p.endPending).toBe('No affected hub has failed a probe yet.');
  });

  it('starts at the first failing probe, or the ticket when earlier; ends when all hubs passed for the window', () => {
    const changes = [
      { hubId: 'c/a', at: 0, state: 'up' as const, detail: 'ok' },
      { hubId: 'c/a', at: 10 * min, state: 'down' as const, detail: 'answered 503' },
      { hubId: 'c/b', at: 12 * min, state: 'down' as const, detail: 'timed out' },
      { hubId: 'c/a', at: 40 * min, state: 'up' as const, detail: 'ok' },
      { hubId: 'c/b', at: 45 * min, state: 'up' as const, detail: 'ok' },
    ];
    const current = new Map<string, { state: 'up' | 'down' | 'unknown'; since: number }>([
      ['c/a', { state: 'up' as const, since: 40 * min }],
      ['c/b', { state: 'up' as const, since: 45 * min }],
    ]);
    const early = proposeImpact({ ...base, changes, current, now: 60 * min });
    expect(early.start).toEqual({
      at: new Date(10 * min).toISOString(),
      evidence: 'First failing probe: c/a (answered 503)',
    });
    expect(early.end).toBeNull();
    expect(early.endPending).toContain('exit window ends in about 15 min');

    const late = proposeImpact({ ...base, changes, current, now: 75 * min });
    expect(late.end).toEqual({
      at: new Date(45 * min).toISOString(),
      evidence: 'All 2 affected hubs passing since then, for the 30-minute exit window',
    });

    const ticketFirst = proposeImpact({
      ...base,
      changes,
      current,
      now: 75 * min,
      ticket: { at: 5 * min, label: 'The ticket was opened' },
    });
    expect(ticketFirst.start?.at).toBe(new Date(5 * min).toISOString());
    expect(ticketFirst.start?.evidence).toBe('The ticket was opened, before the first failing probe');

    const oneDown = proposeImpact({
      ...base,
      changes,
      current: new Map([...current, ['c/b', { state: 'down' as const, since: 12 * min }]]),
      now: 75 * min,
    });
    expect(oneDown.end).toBeNull();
    expect(oneDown.endPending).toBe('1 of 2 hubs passing; waiting for c/b');
  });
});
