// RELIABILITY §6 L-2: 100 outbox jobs across 10 Slack channels, 2 PagerDuty incidents and 3 Freshdesk tickets,
// against the simulators answering 30% 429, 10% 5xx, 5% hangs and 5% apply-then-drop. Asserts: every job sent
// within 5 minutes of simulated time, exactly one effect per job, Slack pacing and Retry-After respected, and
// the event-loop delay p99 under 100 ms throughout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { markerFor } from '../../src/main/core/integrations';
import { clientsFromConfigs } from '../helpers/vendorClients';
import type { ExecutorRegistry } from '../../src/main/core/outbox/executors';
import { manualNetwork } from '../../src/main/core/outbox/ports';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import type { JobKind, JobPayload } from '../../src/shared/outbox';
import { fakeClock } from '../helpers/core';
import { fakeTimer } from '../helpers/outbox';
import { seeded } from '../helpers/seeded';
import { simExecutors } from '../helpers/simExecutors';
import { tempDir } from '../helpers/tempDir';
import { startSimulators, type FaultAction, type Simulators } from '../simulators';

const SEED = Number(process.env.CONN_LOAD_SEED ?? 20260926);
const rnd = seeded(SEED);
const isWrite = (r: { vendor: string; method: string; path: string }) =>
  r.method === 'POST' &&
  ((r.vendor === 'slack' && r.path === '/api/chat.postMessage') ||
    (r.vendor === 'pagerduty' && /\/notes$/.test(r.path)) ||
    (r.vendor === 'freshdesk' && /\/notes$/.test(r.path)));

function pickFault(): FaultAction | null {
  const x = rnd();
  if (x < 0.3) return { type: 'rate_limit', waitSeconds: 1 + Math.floor(rnd() * 5) };
  if (x < 0.4) return { type: 'status', status: 500 };
  if (x < 0.45) return { type: 'hang' };
  if (x < 0.5) return { type: 'apply_then_drop' };
  return null;
}

let sim: Simulators;
let core: Core;
const dir = tempDir('conn-load-');
const clock = fakeClock();
const timer = fakeTimer(clock);
const targets = { slack: new Map<string, string>(), pd: new Map<string, string>(), fd: new Map<string, number>() };
const inFlight = new Map<string, number>();
let maxInFlightPerChannel = 0;
let registry: ExecutorRegistry | undefined; // built once: the tokens do not change during the run

beforeAll(async () => {
  sim = await startSimulators({ now: () => clock.now() });
  core = createCore({
    dataDir: dir.path,
    clock,
    timer,
    network: manualNetwork(true),
    random: seeded(SEED + 1),
    secrets: memorySecretStore({ backend: 'keyring', strong: true }),
    vendors: { executors: (creds) => (registry ??= buildRegistry(creds)) },
  });
  function buildRegistry(creds: Parameters<typeof simExecutors>[1]) {
    const reg = simExecutors(
      sim,
      creds,
      {
        slackChannel: (i) => targets.slack.get(i),
        pdIncident: (i) => targets.pd.get(i),
        fdTicket: (i) => targets.fd.get(i),
      },
      400,
    );
    const post = reg['slack.postMessage']!;
    // Count concurrent requests per channel (sends and reconcile reads).
    const counted =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        const key = String((a[0] as { incidentId: string }).incidentId);
        const n = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, n);
        maxInFlightPerChannel = Math.max(maxInFlightPerChannel, n);
        try {
          return await fn(...a);
        } finally {
          inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
        }
      };
    return {
      ...reg,
      'slack.postMessage': { send: counted(post.send.bind(post)), reconcile: counted(post.reconcile.bind(post)) },
    };
  }
  const s = core.services.integrations;
  s.save({
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: [] },
    token: sim.tokens.slack,
  });
  s.save({
    vendor: 'pagerduty',
    config: { fromEmail: sim.fromEmail, defaultServiceId: 'PSVC001', region: 'us' },
    token: sim.tokens.pagerduty,
  });
  s.save({ vendor: 'freshdesk', config: { domain: 'conn-sim.freshdesk.com' }, token: sim.tokens.freshdesk });
});
afterAll(async () => {
  core?.close();
  await sim?.stop();
  dir.cleanup();
});

describe('100 outbox jobs against misbehaving vendors (L-2)', () => {
  it('delivers every job exactly once, paced, after every Retry-After, with a calm event loop', async () => {
    // Targets made directly at the simulators (no faults yet): 10 channels, 2 PD incidents, 3 tickets.
    const c = clientsFromConfigs({
      slack: { token: sim.tokens.slack, apiUrl: sim.urls.slack },
      pagerduty: { token: sim.tokens.pagerduty, fromEmail: sim.fromEmail, baseUrl: sim.urls.pagerduty },
    });
    const incidents = Array.from(
      { length: 15 },
      (_, i) => core.services.incidents.declare({ title: `Load ${i}`, hub: `hub${i}` }).id,
    );
    for (let i = 0; i < 10; i++)
      targets.slack.set(incidents[i]!, (await c.slack!.createIncidentChannel(`load-${i}`)).channel.id);
    for (let i = 0; i < 2; i++) {
      const r = await c.pagerduty!.createIncident({
        serviceId: i ? 'PSVC002' : 'PSVC001',
        title: `load ${i}`,
        details: '',
        incidentKey: `load-${i}`,
      });
      targets.pd.set(incidents[10 + i]!, r.incident.id);
    }
    const seedTicket = sim.state.freshdesk.tickets[0]!;
    for (let i = 0; i < 3; i++) {
      const id = seedTicket.id + i;
      if (i > 0) sim.state.freshdesk.tickets.push({ ...seedTicket, id, tags: [] });
      targets.fd.set(incidents[12 + i]!, id);
    }
    sim.clearRequests();

    const jobIds: string[] = [];
    let seq = 0;
    const enqueue = <K extends JobKind>(incidentId: string, kind: K, payload: JobPayload<K>) => {
      const id = `load${String(++seq).padStart(5, '0')}`;
      core.db
        .transaction(() => outboxRepo(core.db).enqueue({ id, incidentId, kind, payload, at: clock.now() }))
        .immediate();
      jobIds.push(id);
    };
    for (let i = 0; i < 60; i++) enqueue(incidents[i % 10]!, 'slack.postMessage', { text: `slack update ${i}` });
    for (let i = 0; i < 20; i++) enqueue(incidents[10 + (i % 2)]!, 'pagerduty.addNote', { content: `pd note ${i}` });
    for (let i = 0; i < 20; i++) enqueue(incidents[12 + (i % 3)]!, 'freshdesk.addNote', { body: `fd note ${i}` });

    sim.setFaultPicker((r) => (isWrite(r) ? pickFault() : null));
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const start = clock.now();
    const realStart = Date.now();
    for (let pass = 0; pass < 5000; pass++) {
      const n = await core.dispatcher.runOnce();
      if (n > 0) continue;
      const next = core.dispatcher.nextWakeAt();
      if (next === null) break;
      clock.set(Math.max(clock.now(), next));
    }
    h.disable();
    sim.setFaultPicker(null);
    const simulatedMs = clock.now() - start;
    const p99 = h.percentile(99) / 1e6;

    const jobs = jobIds.map((id) => outboxRepo(core.db).get(id)!);
    const log = sim.requests();
    const faults = log
      .filter((r) => r.fault)
      .reduce<Record<string, number>>((o, r) => ({ ...o, [r.fault!]: (o[r.fault!] ?? 0) + 1 }), {});
    const summary = {
      seed: SEED,
      requests: log.length,
      writes: log.filter(isWrite).length,
      faults,
      simulatedSeconds: Math.round(simulatedMs / 1000),
      realSeconds: Math.round((Date.now() - realStart) / 100) / 10,
      eventLoopP99Ms: Math.round(p99 * 10) / 10,
      eventLoopMaxMs: Math.round(h.max / 1e5) / 10,
    };
    console.log(`L-2 outbox load: ${JSON.stringify(summary)}`);

    expect(
      jobs.map((j) => j.state).filter((s) => s !== 'sent'),
      'jobs not sent',
    ).toEqual([]);
    expect(simulatedMs).toBeLessThan(5 * 60_000);
    expect(faults.rate_limit ?? 0).toBeGreaterThan(10); // the mix really happened
    expect(faults.apply_then_drop ?? 0).toBeGreaterThan(0);
    expect(faults.hang ?? 0).toBeGreaterThan(0);

    // Exactly one effect per job at the vendors.
    const effects = new Map<string, number>();
    const count = (m: string) => effects.set(m, (effects.get(m) ?? 0) + 1);
    for (const ch of sim.state.slack.channels)
      for (const m of ch.messages) {
        const marker = (m as { metadata?: { event_payload?: { marker?: string } } }).metadata?.event_payload?.marker;
        if (marker) count(marker);
      }
    for (const notes of sim.state.pagerduty.notes.values())
      for (const n of notes) for (const m of n.content.match(/\[conn:[^\]]+\]/g) ?? []) count(m);
    for (const conv of sim.state.freshdesk.conversations)
      for (const m of conv.body.match(/\[conn:[^\]]+\]/g) ?? []) count(m);
    expect(effects.size).toBe(100);
    for (const id of jobIds) expect(effects.get(markerFor(id)), id).toBe(1);

    // Slack: one post per channel per second at most, never two requests to one channel at once.
    const posts = log.filter((r) => r.vendor === 'slack' && r.path === '/api/chat.postMessage');
    const byChannel = new Map<string, number[]>();
    for (const p of posts) {
      const ch = String((p.body as { channel: string }).channel);
      byChannel.set(ch, [...(byChannel.get(ch) ?? []), Date.parse(p.at)]);
    }
    expect(byChannel.size).toBe(10);
    for (const times of byChannel.values())
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(maxInFlightPerChannel).toBe(1);
    // The simulator's own limits never tripped (only injected 429s).
    expect(log.filter((r) => r.status === 429 && !r.fault)).toEqual([]);

    // No request to a vendor after a 429 and before its Retry-After.
    for (const r of log.filter((x) => x.status === 429)) {
      const t = Date.parse(r.at);
      const wait = retryAfterOf(r);
      const later = log.filter((x) => x.vendor === r.vendor && Date.parse(x.at) > t);
      for (const x of later)
        expect(Date.parse(x.at) - t, `${x.vendor} ${x.path} after a 429`).toBeGreaterThanOrEqual(wait);
    }
    expect(p99).toBeLessThan(100);
  }, 300_000);
});

/** The wait the simulator asked for on a 429: Retry-After (Slack, Freshdesk) or ratelimit-reset (PagerDuty), in ms. */
function retryAfterOf(r: { responseHeaders?: Record<string, string> }): number {
  const h = r.responseHeaders ?? {};
  return Number(h['retry-after'] ?? h['ratelimit-reset'] ?? 0) * 1000;
}
