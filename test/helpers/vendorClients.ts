// Clients pointed straight at the given settings (simulators, a closed port), for tests of the clients themselves.
// The product builds its clients from saved credentials through the vendor table (src/main/core/vendors).
import {
  createFreshdeskClient,
  createPagerDutyClient,
  createSlackClient,
  type FreshdeskConfig,
  type HttpDeps,
  type PagerDutyConfig,
  type SlackConfig,
  type VendorClients,
} from '../../src/main/core/integrations';

export function clientsFromConfigs(
  config: { pagerduty?: PagerDutyConfig; freshdesk?: FreshdeskConfig; slack?: SlackConfig },
  deps: HttpDeps = {},
): VendorClients {
  return {
    pagerduty: config.pagerduty ? createPagerDutyClient(config.pagerduty, deps) : null,
    freshdesk: config.freshdesk ? createFreshdeskClient(config.freshdesk, deps) : null,
    slack: config.slack ? createSlackClient(config.slack, deps) : null,
  };
}
