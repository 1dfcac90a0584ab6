// Freshdesk as a vendor port: replies, notes and ticket updates (executors), the ticket checks, the ticket import.
import { freshdeskChecks } from '../checks/vendorChecks';
import { readFreshdesk } from '../importer/record';
import { createFreshdeskClient, type FreshdeskClient } from '../integrations/freshdesk/client';
import { freshdeskExecutors } from '../outbox/vendors/freshdesk';
import type { VendorPort } from './port';

export const freshdesk: VendorPort<'freshdesk', FreshdeskClient, number> = {
  id: 'freshdesk',
  urlEnv: 'CONN_FRESHDESK_URL',
  // A base URL replaces https://<domain>.freshdesk.com/api/v2; the domain still makes ticket links.
  client: (creds, baseUrl, deps) =>
    createFreshdeskClient({ domain: creds.config.domain, apiKey: creds.token, ...(baseUrl ? { baseUrl } : {}) }, deps),
  async identify(client) {
    const me = await client.identify();
    return (
      [me.contact?.name, me.contact?.email ? `<${me.contact.email}>` : null].filter(Boolean).join(' ') ||
      `agent ${me.id}`
    );
  },
  executors: freshdeskExecutors,
  checks: freshdeskChecks,
  readRecord: readFreshdesk,
};
