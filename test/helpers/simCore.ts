// A real core wired to the vendor simulators through the real executors: connect, enqueue, drain in real time.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { manualNetwork } from '../../src/main/core/outbox/ports';
import { createVendors, type Vendors } from '../../src/main/core/vendors';
import { memorySecretStore, type SecretStore } from '../../src/main/core/secrets/store';
import type { JobKind, JobPayload, OutboxJob } from '../../src/shared/outbox';
import type { Simulators } from '../simulators';
import { SIM_TICKET_ID, startSimulators } from '../simulators';
import { tempDir } from './tempDir';

export const SIM_TICKET_URL = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;
const TERMINAL = new Set(['sent', 'dead', 'discarded']);
let seq = 0;

/** Saves simulator settings and tokens for all three vendors through the real integrations service. */
/** Connects Slack, PagerDuty and Freshdesk to the simulators (GitHub too with `github`: without it Conn works as
 * before GitHub existed). */
export function connectToSim(
  core: Core,
  sim: Simulators,
  opts: { invitees?: string[]; github?: boolean | Record<string, unknown> } = {},
): void {
  const s = core.services.integrations;
  s.save({
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: opts.invitees ?? [] },
    token: sim.tokens.slack,
  });
  s.save({
    vendor: 'pagerduty',
    config: { fromEmail: sim.fromEmail, defaultServiceId: 'PSVC001', region: 'us' },
    token: sim.tokens.pagerduty,
  });
  s.save({ vendor: 'freshdesk', config: { domain: 'conn-sim.freshdesk.com' }, token: sim.tokens.freshdesk });
  if (opts.github)
    s.save({
      vendor: 'github',
      config: typeof opts.github === 'object' ? opts.github : {},
      token: sim.tokens.github,
    });
}

export interface SimCoreOptions extends Partial<CoreOptions> {
  dataDir?: string;
  timeoutMs?: number;
  connect?: boolean;
  secretStore?: SecretStore;
}

export function simCore(sim: Simulators, opts: SimCoreOptions = {}) {
  const dir = opts.dataDir ? { path: opts.dataDir, cleanup() {} } : tempDir();
  // Closing this core aborts its requests in flight, as a crash would: none of them may land after a restart.
  const crash = new AbortController();
  const fetchFn: typeof fetch = (input, init) =>
    globalThis.fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, crash.signal]) : crash.signal,
    });
  const wiring: Vendors = createVendors({
    baseUrls: {
      pagerduty: sim.urls.pagerduty,
      freshdesk: sim.urls.freshdesk,
      slack: sim.urls.slack,
      github: sim.urls.github,
    },
    timeoutMs: opts.timeoutMs ?? 1500,
    fetch: fetchFn,
  });
  const network = manualNetwork(true);
  const core = createCore({
    dataDir: dir.path,
    secrets: opts.secretStore ?? memorySecretStore({ backend: 'keyring', strong: true }),
    vendors: wiring,
    network,
    random: () => 0.5,
    retry: { baseMs: 20, capMs: 200, settleMs: 30 },
    slackPacingMs: 0,
    ...opts,
  });
  if (opts.connect !== false) connectToSim(core, sim);
  const repo = outboxRepo(core.db);

  const enqueue = <K extends JobKind>(
    incidentId: string,
    kind: K,
    payload: JobPayload<K>,
    orderKey?: string,
  ): string => {
    const id = `job${String(Date.now()).slice(-6)}${String(++seq).padStart(6, '0')}`;
    core.db.transaction(() => repo.enqueue({ id, incidentId, kind, payload, orderKey, at: Date.now() })).immediate();
    return id;
  };

  /** Runs the dispatcher in real time until every job is sent, dead or discarded (or the time is up). */
  async function drain(timeoutMs = 20_000): Promise<OutboxJob[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await core.dispatcher.runOnce();
      const all = core.services.outbox.list({});
      if (all.every((j) => TERMINAL.has(j.state))) return all;
      if (Date.now() > until) {
        const stuck = all.filter((j) => !TERMINAL.has(j.state)).map((j) => `${j.kind} ${j.state} ${j.lastError ?? ''}`);
        throw new Error(`outbox did not drain: ${stuck.slice(0, 5).join(' | ')}`);
      }
      const next = core.dispatcher.nextWakeAt();
      const wait = next === null ? 20 : Math.min(250, Math.max(1, next - Date.now()));
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  return {
    core,
    wiring,
    network,
    dataDir: dir.path,
    enqueue,
    drain,
    job: (id: string) => repo.get(id)!,
    incident: (title = 'Users cannot start servers on the Ocean Data hub', hub = 'ocean-data') =>
      core.services.incidents.declare({ title, hub, ticketUrl: SIM_TICKET_URL }),
    close() {
      crash.abort();
      core.close();
    },
    cleanup() {
      crash.abort();
      core.close();
      dir.cleanup();
    },
  };
}
export type SimCore = ReturnType<typeof simCore>;

/**
 * Vitest hooks shared by the files that run cores against one simulator process: start it once; after each test
 * close the core it made (`core()`), then clear faults, reseed and forget requests.
 */
export function useSimulators() {
  let sim: Simulators | undefined;
  let current: SimCore | undefined;
  beforeAll(async () => {
    sim = await startSimulators();
  });
  afterEach(() => {
    current?.cleanup();
    current = undefined;
    sim?.clearFaults();
    sim?.reset('realistic');
    sim?.clearRequests();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  const started = (): Simulators => {
    if (!sim) throw new Error('the simulators start in beforeAll: use them inside a test');
    return sim;
  };
  return {
    get sim(): Simulators {
      return started();
    },
    /** A core wired to the simulators, closed and removed after this test. */
    core(opts?: Parameters<typeof simCore>[1]): SimCore {
      current = simCore(started(), opts);
      return current;
    },
  };
}
