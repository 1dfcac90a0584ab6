// The vendor port: everything Conn knows about one vendor, in one object. A vendor is one folder under
// integrations/<vendor>/ (client, schemas, mappers), its executors in outbox/vendors/<vendor>.ts, and one
// row in vendors/index.ts. See docs/VENDORS.md.
import type { VendorConfig } from '../../../shared/integrations';
import type { Vendor } from '../../../shared/outbox';
import type { CheckSet } from '../checks/types';
import type { RecordEntry } from '../importer/record';
import type { HttpDeps, VendorClients } from '../integrations';
import type { ExecutorRegistry } from '../outbox/executors';
import type { LiveVendors } from '../outbox/vendors/common';
import type { VendorCredentials } from '../secrets/credentials';

export interface VendorPort<V extends Vendor, C, R = never> {
  id: V;
  /** The environment variable that points its API elsewhere (simulators, proxies): CONN_<VENDOR>_URL. */
  urlEnv: string;
  /** Builds the API client from the saved settings and token; `baseUrl` replaces the public host. */
  client(creds: VendorCredentials<V>, baseUrl: string | undefined, deps: HttpDeps): C;
  /** Who the token belongs to, in words for "Test connection" (with what the settings let it reach, where useful). */
  identify(client: C, config: VendorConfig<V>): Promise<string>;
  /** One executor (send + reconcile) per job kind of this vendor. */
  executors(live: LiveVendors): ExecutorRegistry;
  /** The checks that read this vendor's state to confirm checklist steps. */
  checks(live: LiveVendors): CheckSet;
  /** Reads an incident's shared record from this vendor (record import, take-over). */
  readRecord(clients: VendorClients, ref: R): Promise<RecordEntry[]>;
}
