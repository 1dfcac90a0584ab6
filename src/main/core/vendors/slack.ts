// Slack as a vendor port: channels and messages (executors), the channel check, the channel history import.
import { slackChecks } from '../checks/vendorChecks';
import { readSlack } from '../importer/record';
import { createSlackClient, type SlackClient } from '../integrations/slack/client';
import { slackExecutors } from '../outbox/vendors/slack';
import type { VendorPort } from './port';

export const slack: VendorPort<'slack', SlackClient, string> = {
  id: 'slack',
  urlEnv: 'CONN_SLACK_URL',
  client: (creds, baseUrl, deps) =>
    createSlackClient({ token: creds.token, ...(baseUrl ? { apiUrl: baseUrl } : {}) }, deps),
  async identify(client) {
    const me = await client.identify();
    return `${me.user} in the ${me.team} workspace`;
  },
  executors: slackExecutors,
  checks: slackChecks,
  readRecord: readSlack,
};
