// Wires the vendor clients into the core: executors and the identity check built from live credentials, with
// base URLs that can point at the simulators (CONN_PAGERDUTY_URL, CONN_FRESHDESK_URL, CONN_SLACK_URL).
import type { Vendor } from '../../../shared/outbox';
import { vendorChecks } from '../checks/vendorChecks';
import type { CheckSet } from '../services/checks';
import { explainVendorError, isVendorError } from '../integrations/errors';
import { createFreshdeskClient, type FreshdeskClient } from '../integrations/freshdesk/client';
import type { FetchFn } from '../integrations/http';
import { createPagerDutyClient, type PagerDutyClient } from '../integrations/pagerduty/client';
import { createSlackClient, type SlackClient } from '../integrations/slack/client';
import type { CredentialSource, IdentifyPort, VendorCredentials } from '../secrets/credentials';
import type { ExecutorRegistry } from './executors';
import type { Live, LiveVendors } from './vendors/common';
import { freshdeskExecutors } from './vendors/freshdesk';
import { pagerdutyExecutors } from './vendors/pagerduty';
import { slackExecutors } from './vendors/slack';

/** Where each vendor's API lives when it is not the public one (simulators, proxies). */
export interface VendorBaseUrls {
  /** Replaces https://api.pagerduty.com (and the EU host). */
  pagerduty?: string;
  /** Replaces https://<domain>.freshdesk.com/api/v2 (the domain still makes ticket links). */
  freshdesk?: string;
  /** Replaces https://slack.com/api/ */
  slack?: string;
}

export interface VendorWiringOptions {
  baseUrls?: VendorBaseUrls;
  fetch?: FetchFn;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/**
 * Builds the registry from live vendor clients: one executor per JobKind (send + reconcile). Results of
 * `slack.createChannel` and `pagerduty.createIncident` follow `linkResults` so later jobs find their target.
 * The composition roots use `vendorWiring()` (vendorExecutors.ts), which builds the clients from credentials.
 */
export function createExecutors(clients: LiveVendors): ExecutorRegistry {
  return { ...slackExecutors(clients), ...pagerdutyExecutors(clients), ...freshdeskExecutors(clients) };
}

/** Base URL overrides from the environment: CONN_PAGERDUTY_URL, CONN_FRESHDESK_URL, CONN_SLACK_URL. */
export function vendorBaseUrlsFromEnv(env: Record<string, string | undefined> = process.env): VendorBaseUrls {
  const pick = (name: string) => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    const u = new URL(v); // throws on a malformed value: better at start-up than at the first send
    if (u.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
      throw new Error(`${name} must be an https:// URL (plain http only for 127.0.0.1), got ${v}`);
    }
    return v;
  };
  return {
    pagerduty: pick('CONN_PAGERDUTY_URL'),
    freshdesk: pick('CONN_FRESHDESK_URL'),
    slack: pick('CONN_SLACK_URL'),
  };
}

type Clients = { slack: SlackClient; pagerduty: PagerDutyClient; freshdesk: FreshdeskClient };

export interface VendorWiring {
  /** For CoreOptions.executors. */
  executors: (credentials: CredentialSource) => ExecutorRegistry;
  /** For CoreOptions.identify (integrations.test). */
  identify: IdentifyPort;
  /** For CoreOptions.checks: the vendor-state checks. */
  checks: (credentials: CredentialSource) => CheckSet;
  /** The live clients for other core parts (checks, record import). */
  live: (credentials: CredentialSource) => LiveVendors;
}

export function vendorWiring(opts: VendorWiringOptions = {}): VendorWiring {
  const deps = { fetch: opts.fetch, timeoutMs: opts.timeoutMs };
  const urls = opts.baseUrls ?? {};

  const build = <V extends Vendor>(c: VendorCredentials<V>): Clients[V] => {
    const creds = c as VendorCredentials;
    switch (creds.vendor) {
      case 'slack':
        return createSlackClient(
          { token: creds.token, ...(urls.slack ? { apiUrl: urls.slack } : {}) },
          deps,
        ) as Clients[V];
      case 'pagerduty': {
        const cfg = creds.config as VendorCredentials<'pagerduty'>['config'];
        return createPagerDutyClient(
          {
            token: creds.token,
            fromEmail: cfg.fromEmail,
            region: cfg.region,
            ...(urls.pagerduty ? { baseUrl: urls.pagerduty } : {}),
          },
          deps,
        ) as Clients[V];
      }
      case 'freshdesk': {
        const cfg = creds.config as VendorCredentials<'freshdesk'>['config'];
        return createFreshdeskClient(
          { domain: cfg.domain, apiKey: creds.token, ...(urls.freshdesk ? { baseUrl: urls.freshdesk } : {}) },
          deps,
        ) as Clients[V];
      }
    }
  };

  // One client per vendor, rebuilt only when its settings or token change (the registry is read on every claim).
  const cache = new Map<Vendor, { key: string; client: unknown }>();
  const clientFor = <V extends Vendor>(c: VendorCredentials<V>): Clients[V] => {
    const key = JSON.stringify([c.config, c.token]);
    const hit = cache.get(c.vendor);
    if (hit && hit.key === key) return hit.client as Clients[V];
    const client = build(c);
    cache.set(c.vendor, { key, client });
    return client;
  };

  const liveOf = (credentials: CredentialSource): LiveVendors => {
    const one =
      <V extends Vendor>(vendor: V) =>
      (): Live<Clients[V], V> | undefined => {
        const c = credentials(vendor);
        return c ? { client: clientFor(c), config: c.config } : undefined;
      };
    return { slack: one('slack'), pagerduty: one('pagerduty'), freshdesk: one('freshdesk') };
  };

  const registries = new WeakMap<CredentialSource, ExecutorRegistry>();
  const executors = (credentials: CredentialSource): ExecutorRegistry => {
    let r = registries.get(credentials);
    if (!r) {
      r = createExecutors(liveOf(credentials));
      registries.set(credentials, r);
    }
    return r;
  };

  const identify: IdentifyPort = async (creds) => {
    try {
      switch (creds.vendor) {
        case 'slack': {
          const me = await clientFor(creds as VendorCredentials<'slack'>).identify();
          return { name: `${me.user} in the ${me.team} workspace` };
        }
        case 'pagerduty': {
          const me = await clientFor(creds as VendorCredentials<'pagerduty'>).identify();
          return { name: `${me.user.name} <${me.user.email}>${me.tokenType === 'account' ? ' (account key)' : ''}` };
        }
        case 'freshdesk': {
          const me = await clientFor(creds as VendorCredentials<'freshdesk'>).identify();
          return {
            name:
              [me.contact?.name, me.contact?.email ? `<${me.contact.email}>` : null].filter(Boolean).join(' ') ||
              `agent ${me.id}`,
          };
        }
      }
    } catch (err) {
      // Keep the class for the dispatcher-style reading, and the vendor-specific plain words for people.
      if (isVendorError(err)) throw Object.assign(err, { explanation: explainVendorError(err) });
      throw err;
    }
  };

  const checkSets = new WeakMap<CredentialSource, CheckSet>();
  const checks = (credentials: CredentialSource): CheckSet => {
    let c = checkSets.get(credentials);
    if (!c) {
      c = vendorChecks(liveOf(credentials));
      checkSets.set(credentials, c);
    }
    return c;
  };

  return { executors, identify, checks, live: liveOf };
}
