// The clients port the importer and take-over read vendors through (built by vendors/index.ts from the live
// credentials at each use, since tokens change), and the "connect it first" guard.
import type { Vendor } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import type { VendorClients } from '../integrations';
import { vendorLabels } from '../../../shared/labels';

export type ClientsPort = () => VendorClients;

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
