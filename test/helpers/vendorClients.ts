// Clients pointed straight at the given settings (simulators, a closed port), for tests of the clients themselves.
// The product builds its clients from saved credentials through the vendor table (src/main/core/vendors).
import {
  createFreshdeskClient,
  createGitHubClient,
  createPagerDutyClient,
  createSlackClient,
  type FreshdeskConfig,
  type GitHubConfig,
  type HttpDeps,
  type PagerDutyConfig,
  type SlackConfig,
  type VendorClients,
} from '../../src/main/core/integrations';

export function clientsFromConfigs(
  config: { pagerduty?: PagerDutyConfig; freshdesk?: FreshdeskConfig; slack?: SlackConfig; github?: GitHubConfig },
  deps: HttpDeps = {},
): VendorClients {
  return {
    pagerduty: config.pagerduty ? createPagerDutyClient(config.pagerduty, deps) : null,
    freshdesk: config.freshdesk ? createFreshdeskClient(config.freshdesk, deps) : null,
    slack: config.slack ? createSlackClient(config.slack, deps) : null,
    github: config.github ? createGitHubClient(config.github, deps) : null,
  };
}
