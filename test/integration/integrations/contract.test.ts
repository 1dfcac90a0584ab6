// Contract tests: what the clients send and what the simulators answer, judged by the vendor specs kept in the repo.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { incidentKeyFor, markerFor } from '../../../src/main/core/integrations';
import * as FD from '../../../src/main/core/integrations/freshdesk/schemas';
import { gitHubContract, pagerDutyContract, slackContract } from '../../simulators/contract';
import { SIM_TICKET_ID } from '../../simulators';
import { useSim } from './setup';

const t = useSim();
vi.setConfig({ testTimeout: 60_000 });

describe('contract', () => {
  const githubFitsItsDescription =
    'GitHub: every request the client sends and every answer the simulator gives fits GitHub’s own description';
  it(githubFitsItsDescription, async () => {
    const gh = t.clients().github;
    await gh.getAuthenticatedUser();
    await gh.getRepoPermissions('2i2c-org', 'infrastructure');
    const issue = await gh.createIssue('2i2c-org', 'infrastructure', {
      title: 'Alert at 80%',
      body: `What\n\n<!-- ${markerFor('j')} -->`,
      labels: ['incident'],
    });
    await gh.listIssues('2i2c-org', 'infrastructure', { creator: 'alice-jansen' });
    await gh.getIssue('2i2c-org', 'infrastructure', issue.number);
    await gh.getIssue('2i2c-org', 'infrastructure', issue.number);
    const main = (await gh.getRef('2i2c-org', 'incident-reports', 'heads/main'))!;
    await gh.createRef('2i2c-org', 'incident-reports', 'refs/heads/conn/inc-1', main.object.sha);
    const put = await gh.putContent('2i2c-org', 'incident-reports', 'reports/2026-12-07-x.md', {
      message: 'Report',
      contentBase64: Buffer.from('# Report').toString('base64'),
      branch: 'conn/inc-1',
    });
    await gh.getContent('2i2c-org', 'incident-reports', 'reports/2026-12-07-x.md', 'conn/inc-1');
    const pr = await gh.createPull('2i2c-org', 'incident-reports', {
      title: 'Report',
      head: 'conn/inc-1',
      base: 'main',
      body: 'Overview',
    });
    await gh.listPulls('2i2c-org', 'incident-reports', '2i2c-org:conn/inc-1');
    await gh.updatePull('2i2c-org', 'incident-reports', pr.number, { body: 'Overview, edited' });
    await gh.getPull('2i2c-org', 'incident-reports', pr.number);
    await gh.putContent('2i2c-org', 'incident-reports', 'reports/2026-12-07-x.md', {
      message: 'Report v2',
      contentBase64: Buffer.from('# Report v2').toString('base64'),
      branch: 'conn/inc-1',
      sha: put.content!.sha,
    });
    const head = (await gh.getRef('2i2c-org', 'incident-reports', 'heads/conn/inc-1'))!;
    await gh.updateRef('2i2c-org', 'incident-reports', 'heads/conn/inc-1', head.object.sha);
    const v = await gitHubContract();
    const log = t.sim().requests({ vendor: 'github' });
    expect(log.length).toBeGreaterThan(15);
    expect(log.some((r) => r.status === 304)).toBe(true);
    expect(log.flatMap((r) => v.check(r))).toEqual([]);
    // The judge does judge: an issue without a title, an answer without its number, a query GitHub has no name for.
    const created = log.find((r) => r.method === 'POST' && r.path.endsWith('/issues'))!;
    const { number: _n, ...noNumber } = created.response as Record<string, unknown>;
    expect(v.check({ ...created, body: { body: 'x' } })[0]?.errors).toEqual([
      expect.stringMatching(/request body .*required property 'title'/),
    ]);
    expect(v.check({ ...created, response: noNumber })[0]?.errors.join()).toMatch(/required property 'number'/);
    const listed = log.find((r) => r.method === 'GET' && r.path.endsWith('/issues'))!;
    expect(v.check({ ...listed, query: { ...listed.query, author: ['x'] } })[0]?.errors).toEqual([
      'unknown query parameter author',
    ]);
  });

  it('PagerDuty: every request and response matches the OpenAPI spec', async () => {
    const pd = t.clients().pagerduty;
    await pd.identify();
    await pd.listServices();
    const { incident } = await pd.createIncident({
      serviceId: 'PSVC001',
      title: 'Servers fail to start',
      details: 'See ticket',
      incidentKey: incidentKeyFor('c1'),
      assigneeUserId: 'PBOB001',
    });
    await pd.createIncident({
      serviceId: 'PSVC001',
      title: 'Servers fail to start',
      details: 'See ticket',
      incidentKey: incidentKeyFor('c1'),
    });
    await pd.acknowledge(incident.id);
    await pd.reassign(incident.id, 'PCHEN01');
    await pd.addNote(incident.id, `note ${markerFor('j')}`);
    await pd.statusUpdate(incident.id, 'Mitigated');
    await pd.resolve(incident.id, 'done');
    await pd.getIncident(incident.id);
    await pd.listNotes(incident.id);
    await pd.listLogEntries(incident.id);
    await pd.findIncidentByKey(incidentKeyFor('c1'));
    const v = await pagerDutyContract();
    const log = t.sim().requests({ vendor: 'pagerduty' });
    expect(log.length).toBeGreaterThan(12);
    expect(log.flatMap((r) => v.check(r))).toEqual([]);
  });

  it('PagerDuty: the validator does catch a request without the From header and a malformed response', async () => {
    const v = await pagerDutyContract();
    const base = t.sim().requests();
    expect(base).toEqual([]);
    const fake = {
      seq: 1,
      at: '',
      vendor: 'pagerduty' as const,
      method: 'POST',
      path: '/incidents',
      query: {},
      headers: { accept: 'x' },
      rawBody: '',
      body: { incident: { type: 'incident', title: 'x', service: { id: 'P', type: 'service_reference' } } },
      status: 201,
      response: { incident: { id: 5 } },
      fault: null,
      applied: true,
    };
    const problems = v
      .check(fake)
      .flatMap((p) => p.errors)
      .join('\n');
    expect(problems).toMatch(/From/);
    expect(problems).toMatch(/\/incident\/id must be string/);
  });

  it('Slack: every request and response matches the Web API spec (with the documented newer fields)', async () => {
    const slack = t.clients().slack;
    await slack.identify();
    const { channel } = await slack.createIncidentChannel('inc-archived-example');
    await slack.invite(channel.id, ['U0ALICE01', 'U0BOB0001']);
    const posted = await slack.postMessage(channel.id, 'Declared', { marker: markerFor('j1') });
    await slack.history(channel.id);
    await slack.replies(channel.id, posted.ts);
    await slack.permalink(channel.id, posted.ts);
    await slack.lookupByEmail('chen@conn-sim.example');
    await slack.findChannelByName('general');
    await slack.findMessageByMarker(channel.id, markerFor('j1'));
    const v = await slackContract();
    const log = t.sim().requests({ vendor: 'slack' });
    expect(log.length).toBeGreaterThanOrEqual(11);
    expect(log.flatMap((r) => v.check(r))).toEqual([]);
    for (const r of log) expect(r.body ?? {}).not.toHaveProperty('thread_ts');
  });

  const freshdeskRequestsCarryOnly =
    'Freshdesk: requests carry only documented keys and Basic auth, responses parse with strict API-CONTRACTS shapes';
  it(freshdeskRequestsCarryOnly, async () => {
    const fd = t.clients().freshdesk;
    await fd.identify();
    await fd.listAgents();
    await fd.getTicket(SIM_TICKET_ID);
    await fd.listConversations(SIM_TICKET_ID);
    await fd.listAllCannedResponses();
    await fd.reply(SIM_TICKET_ID, '<p>hi</p>');
    await fd.addNote(SIM_TICKET_ID, '<p>note</p>');
    await fd.updateTicket(SIM_TICKET_ID, { status: 3, responderId: 770001 });
    const allowed: Record<string, string[]> = {
      reply: ['body'],
      notes: ['body', 'private'],
      '': ['status', 'responder_id'],
    };
    // Documented response shapes (API-CONTRACTS.md §3.6): required keys must be present with the right types.
    const strict = {
      agent: FD.agent.extend({ contact: FD.contact.extend({ email: z.string(), name: z.string() }) }),
      ticket: FD.ticket.extend({
        description_text: z.string(),
        tags: z.array(z.string()),
        custom_fields: z.record(z.string(), z.unknown()),
      }),
      conversation: FD.conversation.extend({
        body_text: z.string(),
        to_emails: z.array(z.string()),
        cc_emails: z.array(z.string()),
        bcc_emails: z.array(z.string()),
        attachments: z.array(z.unknown()),
      }),
    };
    for (const r of t.sim().requests({ vendor: 'freshdesk' })) {
      expect(r.headers.authorization).toMatch(/^Basic [A-Za-z0-9+/=]+$/);
      expect(r.status).toBeLessThan(300);
      if (r.method !== 'GET') {
        expect(r.headers['content-type']).toMatch(/^application\/json/);
        const kind = /\/(reply|notes)$/.exec(r.path)?.[1] ?? '';
        for (const k of Object.keys(r.body as object)) expect(allowed[kind]).toContain(k);
      }
      const res = r.response;
      if (/\/agents\/me$/.test(r.path)) strict.agent.parse(res);
      if (/\/agents$/.test(r.path)) z.array(strict.agent).parse(res);
      if (/\/tickets\/\d+$/.test(r.path)) strict.ticket.parse(res);
      if (/\/conversations$/.test(r.path)) z.array(strict.conversation).parse(res);
      if (/\/(reply|notes)$/.test(r.path)) strict.conversation.parse(res);
    }
  });
});
