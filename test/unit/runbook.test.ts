import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobsForAction } from '../../src/main/core/services/actionJobs';
import { defaultResourcesDir, loadBuiltInRunbooks } from '../../src/main/core/services/runbookFiles';
import type { Incident } from '../../src/shared/domain';
import type { IncidentRoles, Person } from '../../src/shared/people';
import { firstSendingSteps, runbookSchema, verdictFor, type RunbookAction } from '../../src/shared/runbook';
import { fillTemplate, slackChannelName } from '../../src/shared/runbookText';

const builtIns = loadBuiltInRunbooks(defaultResourcesDir());

describe('built-in runbooks', () => {
  it('are found from the module location and are valid', () => {
    expect(defaultResourcesDir()).toBe(join(process.cwd(), 'resources'));
    expect(builtIns.map((r) => r.id)).toEqual(['default', '2i2c-2025']);
  });

  it('the 2025 variant officially starts on its four conditions, each confirmable by a check', () => {
    const rb = builtIns.find((r) => r.id === '2i2c-2025')!;
    const starts = rb.startsWhen!.map((id) => rb.steps.find((s) => s.id === id)!.check?.type);
    expect(starts).toEqual([
      'pagerduty_incident_exists',
      'pagerduty_acknowledged',
      'slack_channel_exists',
      'ticket_public_reply',
    ]);
  });

  it('classifies: any yes is an incident, no yes is a support ticket', () => {
    const c = builtIns[0]!.criteria;
    expect(verdictFor(c, {})).toBe('support_ticket');
    expect(verdictFor(c, { cannot_log_in: false })).toBe('support_ticket');
    expect(verdictFor(c, { dask_gateway_broken: true })).toBe('incident');
  });
});

describe('the runbook schema', () => {
  const good = () =>
    JSON.parse(JSON.stringify(builtIns[0])) as Record<string, unknown> & { steps: Array<Record<string, unknown>> };

  it('names the path of every bad field', () => {
    const rb = good();
    rb.version = 0;
    rb.steps[1]!.action = { type: 'trigger_pagerduty', params: { service: '' } };
    rb.steps[2]!.check = { type: 'vibes' };
    const r = runbookSchema.safeParse(rb);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['version', 'steps.1.action.params.service', 'steps.2.check.type']));
  });

  it('names duplicate step ids by their position', () => {
    const rb = good();
    rb.steps[3]!.id = rb.steps[0]!.id;
    const issues = runbookSchema.safeParse(rb).error!.issues;
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['steps.3.id', 'duplicate step id "acknowledge"'],
    ]);
  });

  it('refuses unknown keys, unknown action types and startsWhen naming missing steps', () => {
    const rb = good();
    rb.surprise = true;
    rb.steps[0]!.action = { type: 'format_disk', params: {} };
    rb.startsWhen = ['nope'];
    const paths = runbookSchema.safeParse(rb).error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['steps.0.action.type']));
    expect(paths.some((p) => p === '' || p.startsWith('surprise'))).toBe(true);
  });
});

describe('jobsForAction', () => {
  const person = (over: Partial<Person>): Person => ({
    id: 'p',
    name: 'Ada',
    email: null,
    timezone: 'UTC',
    pagerdutyUserId: null,
    slackUserId: null,
    freshdeskAgentId: null,
    workingHours: null,
    removed: false,
    ...over,
  });
  const ada = person({ id: 'a', name: 'Ada', pagerdutyUserId: 'PADA', slackUserId: 'UADA' });
  const roles: IncidentRoles = {
    incidentId: 'i',
    commander: ada,
    liaison: ada,
    liaisonIsCommander: true,
    smes: [{ person: person({ id: 'b', name: 'Bo', slackUserId: 'UBO' }), techLead: true }],
    triagers: [],
  };
  const incident = {
    id: 'i',
    title: 'Hub down: 502s',
    hub: 'uw',
    ticketUrl: 'https://x.freshdesk.com/a/tickets/9',
    declaredAt: '2026-11-26T12:00:00.000Z',
  } as Incident;
  const ctx = { roles, runbookName: 'Default' };
  const plan = (a: RunbookAction, inc: Incident = incident) => jobsForAction(a, inc, ctx);

  it('triggers PagerDuty assigned to the commander with the ticket link, plus the Slack channel', () => {
    expect(
      plan({ type: 'trigger_pagerduty', params: { service: 'Managed JupyterHubs', withSlackChannel: true } }),
    ).toEqual({
      kind: 'jobs',
      jobs: [
        {
          kind: 'pagerduty.createIncident',
          payload: {
            title: 'Hub down: 502s',
            details: 'Freshdesk ticket: https://x.freshdesk.com/a/tickets/9\nHub: uw\nService: Managed JupyterHubs',
            service: 'Managed JupyterHubs',
            assigneeUserId: 'PADA',
          },
        },
        {
          kind: 'slack.createChannel',
          payload: { name: 'incident-20261126-hub-down-502s', inviteUserIds: ['UADA', 'UBO'] },
        },
      ],
    });
  });

  it('fills templates, maps status updates per channel, and falls back to manual without a ticket', () => {
    const reply = plan({
      type: 'reply_ticket_template',
      params: { template: 'incident_first_response', body: 'Hi {{hub}}, {{commander}} here' },
    });
    expect(reply).toEqual({ kind: 'jobs', jobs: [{ kind: 'freshdesk.reply', payload: { body: 'Hi uw, Ada here' } }] });
    const noTicket = { ...incident, ticketUrl: null };
    expect(plan({ type: 'close_ticket', params: {} }, noTicket).kind).toBe('manual');
    const update = plan(
      {
        type: 'post_status_update',
        params: { template: 'incident_update', body: 'still on it', channels: ['ticket', 'slack', 'pagerduty'] },
      },
      noTicket,
    );
    expect(update).toEqual({
      kind: 'jobs',
      jobs: [
        { kind: 'slack.postMessage', payload: { text: 'still on it' } },
        { kind: 'pagerduty.statusUpdate', payload: { message: 'still on it' } },
      ],
    });
    expect(plan({ type: 'close_ticket', params: {} })).toEqual({
      kind: 'jobs',
      jobs: [{ kind: 'freshdesk.updateTicket', payload: { status: 5 } }],
    });
    expect(plan({ type: 'open_report', params: {} })).toEqual({ kind: 'open', target: 'report' });
    expect(plan({ type: 'resolve_pagerduty', params: {} })).toEqual({
      kind: 'jobs',
      jobs: [{ kind: 'pagerduty.resolve', payload: {} }],
    });
  });

  it('builds Slack-safe channel names and leaves unknown placeholders alone', () => {
    expect(slackChannelName('incident', 'Ünïcode & spaces!! '.repeat(10), '2026-01-02T00:00:00Z')).toMatch(
      /^incident-20260102-[a-z0-9-]+$/,
    );
    expect(
      fillTemplate('{{nope}} {{ hub }}', { title: 't', hub: null, ticketUrl: null, commander: null, runbook: 'r' }),
    ).toBe('{{nope}} not set');
  });
});

describe('firstSendingSteps (what "Declare and send" runs)', () => {
  const step = (id: string, action?: RunbookAction) => ({ id, title: id, why: '', instructions: '', action });
  it('is the opening run of steps that send to a vendor, up to the first that does not', () => {
    const reply: RunbookAction = {
      type: 'reply_ticket_template',
      params: { template: 'incident_first_response', body: 'x' },
    };
    const trigger = builtIns[0]!.steps.find((s) => s.id === 'trigger_pagerduty')!.action!;
    const steps = [step('a', reply), step('b', trigger), step('c'), step('d', reply)];
    expect(firstSendingSteps({ steps }).map((s) => s.id)).toEqual(['a', 'b']);
    expect(firstSendingSteps({ steps: [step('c'), step('a', reply)] })).toEqual([]);
    // Opening the report sends nothing; resolving or closing never opens an incident.
    expect(firstSendingSteps({ steps: [step('r', { type: 'open_report', params: {} }), step('a', reply)] })).toEqual(
      [],
    );
    expect(firstSendingSteps({ steps: [step('x', { type: 'resolve_pagerduty', params: {} })] })).toEqual([]);
  });

  it('in the built-in runbooks: the community reply and the PagerDuty incident (with its Slack channel)', () => {
    expect(firstSendingSteps(builtIns.find((r) => r.id === 'default')!).map((s) => s.id)).toEqual([
      'acknowledge',
      'trigger_pagerduty',
    ]);
  });
});
