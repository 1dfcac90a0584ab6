// The sandbox (`npm run sandbox`) sends every vendor call to the simulators: jobs and connection tests, and also the
// record import and the take-over, which build their own clients from the saved connections.
import { incidentLinksRepo } from '../../src/main/core/db/repos/incidentLinks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { createPagerDutyClient } from '../../src/main/core/integrations';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import { sandboxCoreOptions, sandboxVendorUrls } from '../../scripts/sandboxWiring';
import { startSimulators, type Simulators } from '../simulators';
import { connectToSim } from '../helpers/simCore';
import { tempDir } from '../helpers/tempDir';

describe('sandbox wiring', () => {
  let sim: Simulators;
  let core: Core;
  const dir = tempDir('conn-sandbox-wiring-');
  // Anything that tries a public host fails the test instead of leaving the machine.
  const realFetch = globalThis.fetch;
  const outside: string[] = [];
  beforeAll(async () => {
    sim = await startSimulators();
    globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname !== '127.0.0.1') {
        outside.push(url.href);
        return Promise.reject(new TypeError(`blocked: ${url.host}`));
      }
      return realFetch(input, init);
    };
    core = createCore({
      dataDir: dir.path,
      secrets: memorySecretStore({ backend: 'keyring', strong: true }),
      ...sandboxCoreOptions(sim),
    });
    connectToSim(core, sim, { github: true });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    core?.close();
    await sim?.stop();
    dir.cleanup();
  });

  it('points every vendor at the simulators', async () => {
    const urls = sandboxVendorUrls(sim);
    for (const u of Object.values(urls)) expect(new URL(u).origin).toBe(sim.origin);
    // The clients the sandbox's vendors build (import, take-over) answer from the simulators, never a public host.
    const clients = sandboxCoreOptions(sim).vendors!.clients!(core.services.integrations.credentials);
    await clients.slack!.identify();
    await clients.pagerduty!.identify();
    await clients.freshdesk!.identify();
    await clients.github!.getAuthenticatedUser();
    expect(outside).toEqual([]);
  });

  const aTakeOverIn =
    'a take-over in the sandbox reads the incident from the PagerDuty simulator, and import reaches it too';
  it(aTakeOverIn, async () => {
    const pd = createPagerDutyClient({
      token: sim.tokens.pagerduty,
      fromEmail: sim.fromEmail,
      baseUrl: sim.urls.pagerduty,
    });
    const { incident } = await pd.createIncident({
      serviceId: 'PSVC004',
      title: 'Hub down in the sandbox',
      details: 'x',
      incidentKey: 'sandbox-1',
    });
    sim.clearRequests();
    const preview = await core.services.takeover.import({ pagerdutyIncident: incident.id });
    expect(preview.pagerduty?.id).toBe(incident.id);
    expect(
      sim.requests({ vendor: 'pagerduty', method: 'GET', path: `/incidents/${incident.id}` }).length,
    ).toBeGreaterThan(0);
    const created = core.services.incidents.declare({ title: 'Hub down in the sandbox' });
    incidentLinksRepo(core.db).put(
      {
        incidentId: created.id,
        pagerdutyIncidentId: incident.id,
        pagerdutyUrl: null,
        slackChannelId: null,
        slackChannelName: null,
      },
      Date.now(),
    );
    const again = await core.services.recordImport.import({ incidentId: created.id });
    expect(again.fetched).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
