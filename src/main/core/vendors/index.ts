// The vendor table: one row per vendor (its port, vendors/<vendor>.ts). Everything vendor-specific the core
// needs (clients, executors, identity, checks, record import) is built here from live credentials, one way,
// and handed to createCore as `CoreOptions.vendors`. Adding a vendor: one folder, one row (docs/VENDORS.md).
import type { Vendor } from '../../../shared/outbox';
import type { CheckSet } from '../checks/types';
import { explainVendorError, isVendorError } from '../integrations/errors';
import type { FetchFn } from '../integrations/http';
import type { VendorClients } from '../integrations';
import type { ExecutorRegistry } from '../outbox/executors';
import type { Live, LiveVendors } from '../outbox/vendors/common';
import type { CredentialSource, IdentifyPort, VendorCredentials } from '../secrets/credentials';
import { freshdesk } from './freshdesk';
import { github } from './github';
import { pagerduty } from './pagerduty';
import type { VendorPort } from './port';
import { slack } from './slack';

/** THE table. The order is the order executors and checks are merged in. */
export const vendorTable = { slack, pagerduty, freshdesk, github } satisfies {
  [V in Vendor]: VendorPort<V, unknown, never>;
};

type Table = typeof vendorTable;
type ClientOf<V extends Vendor> = Table[V] extends VendorPort<V, infer C, infer _R> ? C : never;
const ports = Object.values(vendorTable) as Array<VendorPort<Vendor, unknown, never>>;

/** Where each vendor's API lives when it is not the public one (simulators, proxies). */
export type VendorBaseUrls = { [V in Vendor]?: string };

export interface VendorOptions {
  baseUrls?: VendorBaseUrls;
  fetch?: FetchFn;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** What the core takes as `CoreOptions.vendors`: every vendor-specific part, built from live credentials. */
export interface Vendors {
  /** One executor per job kind (send + reconcile), for the outbox dispatcher. */
  executors: (credentials: CredentialSource) => ExecutorRegistry;
  /** The identity call behind integrations.test. */
  identify: IdentifyPort;
  /** The vendor-state checks, polled by services.checks. */
  checks: (credentials: CredentialSource) => CheckSet;
  /** The clients of the connected vendors (null where not connected), for record import, take-over, updates. */
  clients: (credentials: CredentialSource) => VendorClients;
}

/** Base URL overrides from the environment (each port's `urlEnv`, e.g. CONN_SLACK_URL). */
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
  return Object.fromEntries(ports.map((p) => [p.id, pick(p.urlEnv)])) as VendorBaseUrls;
}

/** The vendors of the table, wired to `opts` (base URLs, fetch, timeout). */
export function createVendors(opts: VendorOptions = {}): Vendors {
  const deps = { fetch: opts.fetch, timeoutMs: opts.timeoutMs };
  const urls = opts.baseUrls ?? {};
  const portOf = <V extends Vendor>(v: V) => vendorTable[v] as unknown as VendorPort<V, ClientOf<V>, never>;

  // One client per vendor, rebuilt only when its settings or token change (the registry is read on every claim).
  const cache = new Map<Vendor, { key: string; client: unknown }>();
  const clientFor = <V extends Vendor>(c: VendorCredentials<V>): ClientOf<V> => {
    const key = JSON.stringify([c.config, c.token]);
    const hit = cache.get(c.vendor);
    if (hit && hit.key === key) return hit.client as ClientOf<V>;
    const client = portOf(c.vendor).client(c, urls[c.vendor], deps);
    cache.set(c.vendor, { key, client });
    return client;
  };

  const liveOf = (credentials: CredentialSource): LiveVendors => {
    const one =
      <V extends Vendor>(vendor: V) =>
      (): Live<ClientOf<V>, V> | undefined => {
        const c = credentials(vendor);
        return c ? { client: clientFor(c), config: c.config } : undefined;
      };
    return Object.fromEntries(ports.map((p) => [p.id, one(p.id)])) as unknown as LiveVendors;
  };

  // Built once per credential source: the dispatcher reads the registry on every claim.
  const once = <T>(build: (live: LiveVendors) => T) => {
    const made = new WeakMap<CredentialSource, T>();
    return (credentials: CredentialSource): T => {
      let r = made.get(credentials);
      if (!r) {
        r = build(liveOf(credentials));
        made.set(credentials, r);
      }
      return r;
    };
  };

  return {
    executors: once((live) => Object.assign({}, ...ports.map((p) => p.executors(live))) as ExecutorRegistry),
    checks: once((live) => Object.assign({}, ...ports.map((p) => p.checks(live))) as CheckSet),
    async identify(creds) {
      try {
        return { name: await portOf(creds.vendor).identify(clientFor(creds), creds.config) };
      } catch (err) {
        // Keep the class for the dispatcher-style reading, and the vendor-specific plain words for people.
        if (isVendorError(err)) throw Object.assign(err, { explanation: explainVendorError(err) });
        throw err;
      }
    },
    clients(credentials) {
      const one = <V extends Vendor>(v: V) => {
        const c = credentials(v);
        return c ? clientFor(c) : null;
      };
      return Object.fromEntries(ports.map((p) => [p.id, one(p.id)])) as unknown as VendorClients;
    },
  };
}

export type { VendorPort } from './port';
