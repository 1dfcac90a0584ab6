// A Conn core wired to the simulators: stored credentials, vendor URLs, the real executors, a roster, a fake clock.
import { createCore, type Core } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { manualNetwork } from '../../src/main/core/outbox/ports';
import { createVendors } from '../../src/main/core/vendors';
import { clientsFromConfigs } from './vendorClients';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
import type { JobKind, JobPayload } from '../../src/shared/outbox';
import type { Person } from '../../src/shared/people';
import { SIM_FROM_EMAIL, type Simulators } from '../simulators';
import type { FakeClock } from './core';
import { fakeTimer } from './outbox';
import { tempDir } from './tempDir';

export const SIM_PEOPLE = {
  alice: {
    name: 'Alice Jansen',
    email: 'alice@conn-sim.example',
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
    slackUserId: 'U0ALICE01',
    freshdeskAgentId: '770001',
  },
  bob: {
    name: 'Bob Okafor',
    email: 'bob@conn-sim.example',
    timezone: 'America/New_York',
    pagerdutyUserId: 'PBOB001',
    slackUserId: 'U0BOB0001',
    freshdeskAgentId: '770002',
  },
  // Chen set working hours (the others did not): only people with hours set are ever "outside working hours".
  chen: {
    name: 'Chen Wei',
    email: 'chen@conn-sim.example',
    timezone: 'Asia/Shanghai',
    workingHours: { start: '09:00', end: '18:00' },
  },
} as const;

export type SimConn = Awaited<ReturnType<typeof simConn>>;

export async function simConn(
  sim: Simulators,
  clock: FakeClock,
  me: keyof typeof SIM_PEOPLE,
  opts: { connect?: boolean; github?: boolean; githubPollMs?: number } = {},
) {
  const dir = tempDir();
  const timer = fakeTimer(clock);
  const clients = clientsFromConfigs(
    {
      pagerduty: { token: sim.tokens.pagerduty, fromEmail: SIM_FROM_EMAIL, baseUrl: sim.urls.pagerduty },
      freshdesk: { domain: 'conn-sim', apiKey: sim.tokens.freshdesk, baseUrl: sim.urls.freshdesk },
      slack: { token: sim.tokens.slack, apiUrl: sim.urls.slack },
    },
    { timeoutMs: 5000 },
  );
  const core: Core = createCore({
    dataDir: dir.path,
    clock,
    secrets: memorySecretStore({ backend: 'keyring', strong: true }),
    // Helper W1's real executors (send + reconcile) against the simulators.
    vendors: createVendors({
      baseUrls: {
        pagerduty: sim.urls.pagerduty,
        freshdesk: sim.urls.freshdesk,
        slack: sim.urls.slack,
        github: sim.urls.github,
      },
      timeoutMs: 5000,
    }),
    network: manualNetwork(true),
    timer,
    random: () => 0.5,
    slackPacingMs: 0,
    ...(opts.githubPollMs ? { githubLinks: { pollMs: opts.githubPollMs } } : {}),
  });
  const call = async <K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> => {
    const r = await core.invoke(name, input);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { error: r.error });
    return r.value as OpOutput<K>;
  };
  if (opts.connect !== false) {
    await call('integrations.save', {
      vendor: 'pagerduty',
      config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001', region: 'us' },
      token: sim.tokens.pagerduty,
    });
    await call('integrations.save', {
      vendor: 'freshdesk',
      config: { domain: 'conn-sim.freshdesk.com' },
      token: sim.tokens.freshdesk,
    });
    await call('integrations.save', { vendor: 'slack', config: {}, token: sim.tokens.slack });
  }
  // GitHub only when asked: without it Conn works as before GitHub existed.
  if (opts.github) await call('integrations.save', { vendor: 'github', config: {}, token: sim.tokens.github });
  const people: Record<string, Person> = {};
  for (const [key, p] of Object.entries(SIM_PEOPLE)) people[key] = await call('people.save', p);
  await call('people.setMe', { personId: people[me]!.id });
  let seq = 0;
  return {
    core,
    /** The core's timer (background loops run when it fires, after core.start()). */
    timer,
    call,
    people: people as Record<keyof typeof SIM_PEOPLE, Person>,
    clients,
    /** Enqueues a job the way a checklist action would (tests only). */
    enqueue<K extends JobKind>(incidentId: string, kind: K, payload: JobPayload<K>) {
      core.db
        .transaction(() =>
          outboxRepo(core.db).enqueue({
            id: `tj${me}${String(++seq).padStart(5, '0')}`,
            incidentId,
            kind,
            payload,
            at: clock.now(),
          }),
        )
        .immediate();
    },
    /** Runs the dispatcher until nothing more can be sent now. */
    async drain() {
      for (let i = 0; i < 20; i++) if ((await core.dispatcher.runOnce()) === 0) break;
    },
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}
