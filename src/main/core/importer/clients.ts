// Vendor clients built from the live credentials at each use (tokens change), with injectable base URLs
// so tests and the sandbox talk to the simulators.
import type { Vendor } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { createVendorClients, type VendorClients, type VendorDeps } from '../integrations';
import type { CredentialSource } from '../secrets/credentials';
import { vendorLabels } from '../../../shared/labels';

export interface VendorUrls {
  pagerduty?: string;
  freshdesk?: string;
  slack?: string;
}

export type ClientsPort = () => VendorClients;

export function clientsFromCredentials(
  credentials: CredentialSource,
  urls: VendorUrls = {},
  deps: VendorDeps = {},
): ClientsPort {
  return () => {
    const pd = credentials('pagerduty');
    const fd = credentials('freshdesk');
    const sl = credentials('slack');
    return createVendorClients(
      {
        pagerduty: pd
          ? { token: pd.token, fromEmail: pd.config.fromEmail, region: pd.config.region, baseUrl: urls.pagerduty }
          : null,
        freshdesk: fd ? { domain: fd.config.domain, apiKey: fd.token, baseUrl: urls.freshdesk } : null,
        slack: sl ? { token: sl.token, apiUrl: urls.slack } : null,
      },
      deps,
    );
  };
}

/** The client for a vendor, or a plain "connect it first" error. */
export function need<V extends Vendor>(clients: VendorClients, vendor: V): NonNullable<VendorClients[V]> {
  const c = clients[vendor];
  if (!c)
    throw new AppError(
      'unavailable',
      `${vendorLabels[vendor]} is not connected: add its settings and token under Connections first.`,
    );
  return c as NonNullable<VendorClients[V]>;
}
