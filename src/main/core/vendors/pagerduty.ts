// PagerDuty as a vendor port: incidents, notes and status updates (executors), the incident checks, the log import.
import { pagerdutyChecks } from '../checks/vendorChecks';
import { readPagerDuty } from '../importer/record';
import { createPagerDutyClient, type PagerDutyClient } from '../integrations/pagerduty/client';
import { pagerdutyExecutors } from '../outbox/vendors/pagerduty';
import type { VendorPort } from './port';

export const pagerduty: VendorPort<'pagerduty', PagerDutyClient, string> = {
  id: 'pagerduty',
  urlEnv: 'CONN_PAGERDUTY_URL',
  client: (creds, baseUrl, deps) =>
    createPagerDutyClient(
      {
        token: creds.token,
        fromEmail: creds.config.fromEmail,
        region: creds.config.region,
        ...(baseUrl ? { baseUrl } : {}),
      },
      deps,
    ),
  async identify(client) {
    const me = await client.identify();
    return `${me.user.name} <${me.user.email}>${me.tokenType === 'account' ? ' (account key)' : ''}`;
  },
  executors: pagerdutyExecutors,
  checks: pagerdutyChecks,
  readRecord: readPagerDuty,
};
