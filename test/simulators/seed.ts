// Seed data for the simulators: a realistic small account (people, services, a ticket, canned responses) and its
// tokens.
import type { FdState } from './freshdesk';
import { addRepo, type GhState } from './github';
import type { PdState } from './pagerduty';
import type { SlackState } from './slack';

/** Tokens the seeded simulators accept. Account keys contain `_`, `-`, `+` like real ones. */
export const SIM_TOKENS = {
  pagerduty: 'sim_pd-account+Key_0001',
  pagerdutyUser: 'sim_pd-user+Key_alice',
  pagerdutyReadOnly: 'sim_pd-readonly_0001',
  freshdesk: 'simFdKeyAlice0001',
  freshdeskBob: 'simFdKeyBob0002',
  slack: 'xoxb-sim-0001-bot-token',
  slackLimited: 'xoxb-sim-0002-no-scopes',
  /** Alice's fine-grained token: writes to both 2i2c-org repositories. */
  github: 'github_pat_sim0001_alice0000000000000000000001',
  /** A token that may read the repositories but not write there. */
  githubReadOnly: 'github_pat_sim0002_reader000000000000000000002',
} as const;

/** The GitHub login behind SIM_TOKENS.github. */
export const SIM_GITHUB_LOGIN = 'alice-jansen';

export const SIM_FROM_EMAIL = 'alice@conn-sim.example';
export const SIM_TICKET_ID = 4711;

const people = [
  {
    pd: 'PALICE1',
    fd: 770001,
    slack: 'U0ALICE01',
    name: 'Alice Jansen',
    email: 'alice@conn-sim.example',
    role: 'admin',
  },
  { pd: 'PBOB001', fd: 770002, slack: 'U0BOB0001', name: 'Bob Okafor', email: 'bob@conn-sim.example', role: 'user' },
  { pd: 'PCHEN01', fd: 770003, slack: 'U0CHEN001', name: 'Chen Wei', email: 'chen@conn-sim.example', role: 'user' },
  {
    pd: 'PDANA01',
    fd: 770004,
    slack: 'U0DANA001',
    name: 'Dana Fischer',
    email: 'dana@conn-sim.example',
    role: 'limited_user',
  },
];

export function seedPagerDuty(s: PdState): void {
  s.users.push(...people.map((p) => ({ id: p.pd, name: p.name, email: p.email, role: p.role })));
  s.services.push(
    { id: 'PSVC001', name: 'Compute Platform', description: 'Servers and notebooks for hub users' },
    { id: 'PSVC002', name: 'Community Hubs', description: 'Hosted JupyterHub deployments' },
    { id: 'PSVC003', name: 'Identity', description: 'Login and accounts' },
    { id: 'PSVC004', name: 'Managed JupyterHubs', description: 'The hubs the default runbook pages for' },
    {
      id: 'PSVC005',
      name: 'Misc alerts from Prometheus Alert Manager',
      description: 'The service the 2i2c runbook pages for',
    },
  );
  s.priorities.push(
    { id: 'PPRIO01', name: 'P1', description: 'Critical' },
    { id: 'PPRIO02', name: 'P2', description: 'High' },
    { id: 'PPRIO03', name: 'P3', description: 'Moderate' },
  );
  s.tokens.set(SIM_TOKENS.pagerduty, { type: 'account', revoked: false });
  s.tokens.set(SIM_TOKENS.pagerdutyUser, { type: 'user', userId: 'PALICE1', revoked: false });
  s.tokens.set(SIM_TOKENS.pagerdutyReadOnly, { type: 'account', revoked: false, readOnly: true });
}

export function seedFreshdesk(s: FdState, nowIso: string): void {
  s.agents.push(...people.slice(0, 3).map((p) => ({ id: p.fd, name: p.name, email: p.email, groupIds: [66001] })));
  s.contacts.push({ id: 880001, name: 'Priya Raman', email: 'priya@oceandata.example' });
  s.tickets.push({
    id: SIM_TICKET_ID,
    subject: 'Users cannot start servers on the Ocean Data hub',
    description:
      '<div>Since this morning none of our users can start their servers. The spawn page spins and then shows "Spawn ' +
      'failed: timeout". About 40 people are blocked before a workshop this afternoon.</div>',
    status: 2,
    priority: 3,
    source: 1,
    type: 'Incident',
    requester_id: 880001,
    responder_id: null,
    group_id: 66001,
    tags: ['ocean-data'],
    created_at: nowIso,
    updated_at: nowIso,
  });
  s.conversations.push({
    id: ++s.seq,
    body: '<div>Also: users who were already running are fine, only new servers fail.</div>',
    body_text: 'Also: users who were already running are fine, only new servers fail.',
    incoming: true,
    private: false,
    user_id: 880001,
    source: 0,
    ticket_id: SIM_TICKET_ID,
    from_email: 'priya@oceandata.example',
    to_emails: ['support@conn-sim.freshdesk.com'],
    created_at: nowIso,
    updated_at: nowIso,
  });
  s.folders.push(
    { id: 5001, name: 'Incidents', personal: false },
    { id: 5002, name: 'Personal', personal: true, ownerAgentId: 770002 },
  );
  s.canned.push(
    {
      id: 6001,
      folder_id: 5001,
      title: 'incident first response',
      content_html:
        '<p>Hi {{ticket.requester.name}},</p><p>Thank you for reporting this. We are treating it as an incident and ' +
        'are investigating now (ticket #{{ticket.id}}). We will send you an update within the ' +
        'hour.</p><p>{{ticket.agent.name}}</p>',
    },
    {
      id: 6002,
      folder_id: 5001,
      title: 'incident update',
      content_html:
        '<p>Hi {{ticket.requester.name}},</p><p>An update on "{{ticket.subject}}": we are still working on it and ' +
        'will keep you posted.</p><p>{{ticket.agent.name}}</p>',
    },
    {
      id: 6003,
      folder_id: 5001,
      title: 'incident resolved',
      content_html:
        '<p>Hi {{ticket.requester.name}},</p><p>The problem behind "{{ticket.subject}}" is resolved. Please let us ' +
        'know if you still see it.</p><p>{{ticket.agent.name}}</p>',
    },
    { id: 6004, folder_id: 5002, title: 'Bob private template', content_html: '<p>Personal</p>' },
  );
  s.apiKeys.set(SIM_TOKENS.freshdesk, { agentId: 770001, revoked: false });
  s.apiKeys.set(SIM_TOKENS.freshdeskBob, { agentId: 770002, revoked: false });
}

export function seedSlack(s: SlackState, nowMs: number): void {
  s.users.push(
    ...people.map((p) => ({
      id: p.slack,
      name: p.name.split(' ')[0]!.toLowerCase(),
      real_name: p.name,
      email: p.email,
      is_bot: false,
    })),
  );
  s.users.push({ id: 'U0BOTUSER', name: 'conn', real_name: 'Conn', email: 'conn-bot@conn-sim.example', is_bot: true });
  s.channels.push({
    id: 'C0GENERAL1',
    name: 'general',
    created: Math.floor(nowMs / 1000) - 86_400,
    creator: 'U0ALICE01',
    is_private: false,
    is_archived: false,
    members: new Set(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER']),
    messages: [],
  });
  s.channels.push({
    id: 'C0OLDINC01',
    name: 'inc-archived-example',
    created: Math.floor(nowMs / 1000) - 864_000,
    creator: 'U0ALICE01',
    is_private: false,
    is_archived: true,
    members: new Set(['U0ALICE01']),
    messages: [],
  });
  s.tokens.set(SIM_TOKENS.slack, {
    userId: 'U0BOTUSER',
    botId: 'B0BOT1234',
    scopes: ['chat:write', 'channels:manage', 'channels:history', 'channels:read', 'users:read', 'users:read.email'],
    revoked: false,
  });
  s.tokens.set(SIM_TOKENS.slackLimited, {
    userId: 'U0BOTUSER',
    botId: 'B0BOT1234',
    scopes: ['chat:write'],
    revoked: false,
  });
}

export function seedGitHub(s: GhState): void {
  s.users.push(
    { login: SIM_GITHUB_LOGIN, id: 1_001, name: 'Alice Jansen' },
    { login: 'bob-okafor', id: 1_002, name: 'Bob Okafor' },
    { login: 'conn-reader', id: 1_003, name: null },
  );
  s.tokens.set(SIM_TOKENS.github, { login: SIM_GITHUB_LOGIN, revoked: false });
  s.tokens.set(SIM_TOKENS.githubReadOnly, { login: 'conn-reader', revoked: false });
  const access = { [SIM_GITHUB_LOGIN]: 'write', 'bob-okafor': 'admin', 'conn-reader': 'read' } as const;
  addRepo(s, '2i2c-org/infrastructure', access, { 'README.md': '# infrastructure\n' });
  addRepo(s, '2i2c-org/incident-reports', access, {
    'README.md': '# Incident reports\n',
    'reports/.gitkeep': '',
  });
}
