// Hub health probes against a local HTTP server (the hub simulator): states, the reference check, timeouts,
// timeline entries only on change, the probe setting, and impact start/end proposed from the flips.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { manualNetwork, type Timer } from '../../src/main/core/outbox/ports';
import { call, failure, timelineOf } from '../helpers/call';
import { fakeClock, type FakeClock } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { startHubSimulator, type HubSimulator } from '../simulators/hubs';

/** A timer whose callbacks run only when the test says so. */
function manualTimer() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let seq = 0;
  const timer: Timer = {
    set: (fn, ms) => {
      pending.set(++seq, { fn, ms });
      return seq;
    },
    clear: (h) => pending.delete(h as number),
  };
  return { timer, pending, fire: () => [...pending].forEach(([k, p]) => (pending.delete(k), p.fn())) };
}

const stateOf = async (core: Core, incidentId: string) =>
  Object.fromEntries((await call(core, 'health.status', { incidentId })).hubs.map((h) => [h.hubId, h.state]));

describe('hub health probes', () => {
  let sim: HubSimulator;
  let core: Core;
  let clock: FakeClock;
  let dir: ReturnType<typeof tempDir>;
  const network = manualNetwork(true);
  const t = manualTimer();

  beforeEach(async () => {
    sim = await startHubSimulator({ slowMs: 50 });
    dir = tempDir();
    clock = fakeClock();
    network.set(true);
    core = createCore({
      dataDir: dir.path,
      clock,
      network,
      timer: t.timer,
      hubProbes: { probeBase: sim.probeBase, timeoutMs: 400 },
    });
    await call(core, 'health.saveSettings', { referenceUrl: sim.referenceUrl });
    await call(core, 'registry.import', { folder: sim.registryDir });
  });
  afterEach(async () => {
    core.close();
    dir.cleanup();
    await sim.close();
  });

  const declareOnSeaweed = async () => {
    const inc = await call(core, 'incidents.declare', { title: 'Seaweed down' });
    await call(core, 'incidents.setScope', { incidentId: inc.id, kind: 'cluster', value: 'seaweed' });
    return inc.id;
  };

  const followsUpDownSlow =
    'follows up/down/slow/hang, records timeline entries only on a change, and proposes impact from the flips';
  it(followsUpDownSlow, async () => {
    const id = await declareOnSeaweed();
    expect(Object.values(await stateOf(core, id))).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(await core.services.health.round()).toBe(4);
    expect(Object.values(await stateOf(core, id))).toEqual(['up', 'up', 'up', 'up']);
    const health = () =>
      timelineOf(core, id)
        .filter((e) => e.kind === 'hub_health')
        .map((e) => e.body);
    expect(health()).toEqual([]); // the first look finding hubs up is no news

    clock.advance(30_000);
    sim.set({ hubIds: ['seaweed/ocean-data'] }, 'down');
    sim.set({ hubIds: ['seaweed/kelp-lab'] }, 'hang');
    sim.set({ hubIds: ['seaweed/tidepool'] }, 'slow');
    await core.services.health.round();
    const s = (await call(core, 'health.status', { incidentId: id })).hubs;
    expect(
      Object.fromEntries(s.map((h) => [h.hubId, [h.state, h.detail.replace(/^200 in \d+ ms$/, '200 in N ms')]])),
    ).toEqual({
      'seaweed/kelp-lab': ['down', 'no answer within 400 ms'],
      'seaweed/ocean-data': ['down', 'answered 503'],
      'seaweed/staging': ['up', '200 in N ms'],
      'seaweed/tidepool': ['up', '200 in N ms'],
    });
    const downAt = clock.now();
    clock.advance(30_000);
    await core.services.health.round(); // same states again: no new entries
    expect(health()).toEqual([
      'Hub seaweed/kelp-lab (Kelp Lab, Coastal University) is down (was up): no answer within 400 ms',
      'Hub seaweed/ocean-data (Ocean Data Collective) is down (was up): answered 503',
    ]);
    expect(s.find((h) => h.hubId === 'seaweed/ocean-data')?.since).toBe(new Date(downAt).toISOString());

    let p = await call(core, 'impact.propose', { incidentId: id });
    expect(p.start).toEqual({
      at: new Date(downAt).toISOString(),
      evidence: 'First failing probe: seaweed/kelp-lab (no answer within 400 ms)',
    });
    expect(p.end).toBeNull();

    await call(core, 'health.saveSettings', {
      exitWindow: { runbookId: (await call(core, 'incidents.get', { incidentId: id })).runbookId, minutes: 5 },
    });
    sim.set({ cluster: 'seaweed' }, 'up');
    clock.advance(30_000);
    await core.services.health.round();
    const upAt = clock.now();
    expect(health()).toHaveLength(4);
    clock.advance(4 * 60_000);
    await core.services.health.round();
    expect((await call(core, 'impact.propose', { incidentId: id })).endPending).toContain(
      '5-minute exit window ends in about 1 min',
    );
    const verify = async () =>
      (await call(core, 'checklist.list', { incidentId: id })).find((st) => st.stepId === 'verify_fix')!;
    expect((await verify()).state).toBe('todo'); // the window has not passed yet
    clock.advance(60_000);
    await core.services.health.round();
    p = await call(core, 'impact.propose', { incidentId: id });
    expect(p.end?.at).toBe(new Date(upAt).toISOString());
    // The exit criterion holds: "Verify the fix" is done by check.
    expect(await verify()).toMatchObject({ state: 'done', doneVia: 'check' });

    // Accepting: the proposal as shown; a stale time is refused.
    expect(
      (await failure(core, 'impact.accept', { incidentId: id, which: 'start', at: new Date(0).toISOString() })).code,
    ).toBe('conflict');
    const inc = await call(core, 'impact.accept', { incidentId: id, which: 'start', at: p.start!.at });
    expect(inc.impactStartAt).toBe(p.start!.at);
    await call(core, 'impact.accept', { incidentId: id, which: 'end', at: p.end!.at });
    expect((await call(core, 'impact.propose', { incidentId: id })).accepted).toEqual({
      start: p.start!.at,
      end: p.end!.at,
    });
    expect(
      timelineOf(core, id)
        .filter((e) => e.kind.startsWith('impact_'))
        .map((e) => e.kind),
    ).toEqual(['impact_start', 'impact_end']);
  });

  it('records unknown, not down, when the reference check fails too or Conn is offline', async () => {
    const id = await declareOnSeaweed();
    await core.services.health.round();
    sim.set({ cluster: 'seaweed' }, 'down');
    sim.setReference(false);
    clock.advance(30_000);
    await core.services.health.round();
    expect(Object.values(await stateOf(core, id))).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect((await call(core, 'impact.propose', { incidentId: id })).start).toBeNull(); // unknown is no evidence

    sim.setReference(true);
    await core.services.health.round();
    expect(Object.values(await stateOf(core, id))).toEqual(['down', 'down', 'down', 'down']);

    const before = sim.probes('ocean-data.seaweed.example.cloud');
    network.set(false);
    await core.services.health.round();
    expect(sim.probes('ocean-data.seaweed.example.cloud')).toBe(before); // offline: nothing sent
    expect(Object.values(await stateOf(core, id))).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('probes every 30 s on the timer while the incident is open, and not at all when turned off', async () => {
    const id = await declareOnSeaweed();
    core.services.health.start();
    expect([...t.pending.values()].map((p) => p.ms)).toEqual([30_000]);
    t.fire();
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.probes('ocean-data.seaweed.example.cloud')).toBe(1);

    await call(core, 'health.saveSettings', { enabled: false });
    expect((await call(core, 'health.status', { incidentId: id })).enabled).toBe(false);
    expect(await core.services.health.round()).toBe(0);
    await call(core, 'health.probeNow', { incidentId: id });
    expect(sim.probes('ocean-data.seaweed.example.cloud')).toBe(1);

    await call(core, 'health.saveSettings', { enabled: true });
    await call(core, 'incidents.setStatus', { incidentId: id, status: 'resolved' });
    expect(await core.services.health.round()).toBe(0); // resolved: no longer probed
    core.services.health.stop();
    expect(t.pending.size).toBe(0);
  });

  it('probes only hubs still in the registry, at the domain the registry has now', async () => {
    const id = await declareOnSeaweed();
    await call(core, 'registry.removeHub', { hubId: 'seaweed/staging' });
    await call(core, 'registry.updateHub', { hubId: 'seaweed/tidepool', domain: 'lichen.tundra.example.cloud' });
    sim.set({ hubIds: ['tundra/lichen'] }, 'down');
    await core.services.health.round();
    expect(sim.probes('staging.seaweed.example.cloud')).toBe(0);
    expect(sim.probes('tidepool.seaweed.example.cloud')).toBe(0);
    const v = (await call(core, 'health.status', { incidentId: id })).hubs;
    expect(v.find((h) => h.hubId === 'seaweed/staging')).toMatchObject({
      state: 'unknown',
      detail: 'no longer in the registry: not probed',
    });
    expect(v.find((h) => h.hubId === 'seaweed/tidepool')).toMatchObject({ state: 'down', detail: 'answered 503' });
  });

  it('never overlaps rounds: a round asked for while one waits on a hanging hub shares it', async () => {
    await declareOnSeaweed();
    sim.set({ hubIds: ['seaweed/kelp-lab'] }, 'hang');
    const [a, b] = await Promise.all([core.services.health.round(), core.services.health.round()]);
    expect([a, b]).toEqual([4, 4]);
    expect(sim.probes('hub.kelp-lab.example.edu')).toBe(1);
    expect(sim.probes('ocean-data.seaweed.example.cloud')).toBe(1);
  });

  it('never probes over plain http except on 127.0.0.1', async () => {
    expect((await failure(core, 'health.saveSettings', { referenceUrl: 'http://example.com/' })).code).toBe(
      'invalid_input',
    );
    const d = tempDir();
    const other = createCore({
      dataDir: d.path,
      clock,
      network,
      timer: t.timer,
      hubProbes: { probeBase: 'http://10.1.2.3/hubs' },
    });
    try {
      await call(other, 'registry.import', { folder: sim.registryDir });
      const inc = await call(other, 'incidents.declare', { title: 'x' });
      await call(other, 'incidents.setScope', { incidentId: inc.id, kind: 'hub', value: 'tundra/lichen' });
      await call(other, 'health.saveSettings', { referenceUrl: sim.referenceUrl });
      const v = await call(other, 'health.probeNow', { incidentId: inc.id });
      expect(v.hubs[0]).toMatchObject({
        state: 'unknown',
        detail: 'not probed: only https (or http on 127.0.0.1) is allowed',
      });
    } finally {
      other.close();
      d.cleanup();
    }
  });
});
