// The sandbox's vendor wiring in one place: every vendor call it makes (outbox jobs, connection tests, checks, and the
// record import and take-over, which build their own clients) goes to the simulators, never to a public host.
import type { CoreOptions } from '../src/main/core';
import { createVendors, type VendorBaseUrls } from '../src/main/core/vendors';
import type { Simulators } from '../test/simulators';

export function sandboxVendorUrls(sim: Simulators): Required<VendorBaseUrls> {
  return {
    pagerduty: sim.urls.pagerduty,
    freshdesk: sim.urls.freshdesk,
    slack: sim.urls.slack,
    github: sim.urls.github,
  };
}

/** The createCore options that point Conn at the simulators. */
export function sandboxCoreOptions(sim: Simulators): Pick<CoreOptions, 'vendors'> {
  return { vendors: createVendors({ baseUrls: sandboxVendorUrls(sim) }) };
}
