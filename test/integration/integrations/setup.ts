// Shared test setup: simulators plus clients pointed at them with a short timeout.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { VendorClients } from '../../../src/main/core/integrations';
import { clientsFromConfigs } from '../../helpers/vendorClients';
import { startSimulators, type Simulators } from '../../simulators';

export function useSim(timeoutMs = 5000): {
  sim: () => Simulators;
  clients: () => Required<{ [K in keyof VendorClients]: NonNullable<VendorClients[K]> }>;
} {
  let sim: Simulators;
  beforeAll(async () => {
    sim = await startSimulators();
  });
  afterEach(() => {
    sim.clearFaults();
    sim.reset('realistic');
    sim.clearRequests();
  });
  afterAll(async () => {
    await sim.stop();
  });
  return {
    sim: () => sim,
    clients: () => {
      const c = clientsFromConfigs(
        {
          pagerduty: { token: sim.tokens.pagerduty, fromEmail: sim.fromEmail, baseUrl: sim.urls.pagerduty },
          freshdesk: { domain: 'conn-sim', apiKey: sim.tokens.freshdesk, baseUrl: sim.urls.freshdesk },
          slack: { token: sim.tokens.slack, apiUrl: sim.urls.slack },
          github: { token: sim.tokens.github, baseUrl: sim.urls.github },
        },
        { timeoutMs },
      );
      return { pagerduty: c.pagerduty!, freshdesk: c.freshdesk!, slack: c.slack!, github: c.github! };
    },
  };
}

/** Awaits a promise expected to reject and returns the error. */
export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
