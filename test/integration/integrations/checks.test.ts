// Vendor-state checks against the simulators: checks.run confirms matching steps, the poll does it by itself.
import { describe, expect, it } from 'vitest';
import { SIM_TICKET_ID } from '../../simulators';
import { SIM_TICKET_URL, useSimulators, type SimCore } from '../../helpers/simCore';
import { vendorChecks } from '../../../src/main/core/checks/vendorChecks';
import type { LiveVendors } from '../../../src/main/core/outbox/vendors/common';
import type { Incident } from '../../../src/shared/domain';

const suite = useSimulators();
let t: SimCore | undefined;

const declare = (s: SimCore) =>
  s.core.services.incidents.declare({
    title: 'Users cannot start servers',
    hub: 'ocean-data',
    ticketUrl: SIM_TICKET_URL,
    runbookId: '2i2c-2025',
  });
const statusOf = (run: { results: { check: string; status: string }[] }) =>
  Object.fromEntries(run.results.map((r) => [r.check, r.status]));
const step = (s: SimCore, incidentId: string, stepId: string) =>
  s.core.services.checklist.list(incidentId).find((x) => x.stepId === stepId)!;

describe('checks against vendor state', () => {
  it('nothing is confirmed before anything happened at the vendors', async () => {
    t = suite.core();
    const inc = declare(t);
    const run = await t.core.services.checks.run({ incidentId: inc.id });
    expect(statusOf(run)).toEqual({
      pagerduty_incident_exists: 'not_yet',
      pagerduty_acknowledged: 'not_yet',
      slack_channel_exists: 'not_yet',
      ticket_public_reply: 'not_yet', // the requester's own message does not count
      pagerduty_resolved: 'not_yet',
      ticket_closed: 'not_yet',
    });
    expect(t.core.services.checklist.list(inc.id).every((s) => s.state !== 'done')).toBe(true);
    expect(suite.sim.requests({ method: 'POST' })).toHaveLength(0); // checks only read
  });

  it('confirms each step from what the vendors show, whoever did it there', async () => {
    t = suite.core();
    const inc = declare(t);
    const cl = t.core.services.checklist;
    cl.runAction({ incidentId: inc.id, stepId: 'trigger_pagerduty' });
    cl.runAction({ incidentId: inc.id, stepId: 'slack_channel' });
    cl.runAction({ incidentId: inc.id, stepId: 'tell_community' });
    await t.drain();
    // Someone acknowledges in PagerDuty's own app.
    suite.sim.state.pagerduty.incidents[0]!.status = 'acknowledged';
    // Conn's own requests finish their steps as soon as the vendor accepts them (status follows the record)...
    for (const id of ['trigger_pagerduty', 'slack_channel', 'tell_community']) {
      expect(step(t, inc.id, id), id).toMatchObject({ state: 'done', doneVia: 'check' });
    }
    // ...and the check confirms what was done in the vendor's own app, asking only about open steps.
    const run = await t.core.services.checks.run({ incidentId: inc.id });
    expect(statusOf(run)).toEqual({
      pagerduty_acknowledged: 'confirmed',
      pagerduty_resolved: 'not_yet',
      ticket_closed: 'not_yet',
    });
    expect(step(t, inc.id, 'acknowledge_pagerduty')).toMatchObject({ state: 'done', doneVia: 'check' });
    expect(run.results.find((r) => r.check === 'pagerduty_acknowledged')).toMatchObject({
      confirmedNow: true,
      url: expect.stringContaining('http'),
    });
    const timeline = await t.core.invoke('timeline.list', { incidentId: inc.id });
    expect(JSON.stringify(timeline)).toContain('confirmed by a check');
    // A second run does not ask again about steps already done.
    suite.sim.clearRequests();
    const again = await t.core.services.checks.run({ incidentId: inc.id });
    expect(again.results.map((r) => r.check).sort()).toEqual(['pagerduty_resolved', 'ticket_closed']);
  });

  it('a closed ticket and a resolved PagerDuty incident confirm the last steps', async () => {
    t = suite.core();
    const inc = declare(t);
    t.core.services.checklist.runAction({ incidentId: inc.id, stepId: 'trigger_pagerduty' });
    await t.drain();
    suite.sim.state.pagerduty.incidents[0]!.status = 'resolved';
    suite.sim.state.freshdesk.tickets.find((x) => x.id === SIM_TICKET_ID)!.status = 5;
    const run = await t.core.services.checks.run({ incidentId: inc.id });
    expect(statusOf(run)).toMatchObject({ pagerduty_resolved: 'confirmed', ticket_closed: 'confirmed' });
  });

  it('says "unknown" rather than failing when a vendor cannot be asked or is not connected', async () => {
    t = suite.core({ connect: false });
    const inc = declare(t);
    const run = await t.core.services.checks.run({ incidentId: inc.id });
    expect(new Set(run.results.map((r) => r.status))).toEqual(new Set(['unknown']));
    expect(run.results[0]!.detail).toMatch(/Connect pagerduty/);
    t.cleanup();
    t = suite.core();
    const inc2 = declare(t);
    suite.sim.fault({ vendor: 'freshdesk', count: 5, action: { type: 'status', status: 503 } });
    const run2 = await t.core.services.checks.run({ incidentId: inc2.id });
    expect(run2.results.find((r) => r.check === 'ticket_closed')).toMatchObject({
      status: 'unknown',
      detail: expect.stringMatching(/server/),
    });
  });

  it('polls open incidents by itself and stops asking once their checked steps are done', async () => {
    t = suite.core({ checkIntervalMs: 40 });
    const inc = declare(t);
    t.core.services.checklist.runAction({ incidentId: inc.id, stepId: 'trigger_pagerduty' });
    await t.drain();
    t.core.services.checks.start();
    const until = Date.now() + 10_000;
    while (step(t, inc.id, 'trigger_pagerduty').state !== 'done' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    t.core.services.checks.stop();
    expect(step(t, inc.id, 'trigger_pagerduty')).toMatchObject({ state: 'done', doneVia: 'check' });
    // Everything checked done (or skipped) → the poll has nothing to ask.
    for (const s of t.core.services.checklist.list(inc.id)) {
      if (s.check && s.state !== 'done')
        t.core.services.checklist.transition('skip', { incidentId: inc.id, stepId: s.stepId, reason: 'test' });
    }
    suite.sim.clearRequests();
    expect(await t.core.services.checks.poll()).toBe(0);
    expect(suite.sim.requests()).toHaveLength(0);
  });

  it('is scriptable as the checks.run operation', async () => {
    t = suite.core();
    const inc = declare(t);
    const r = await t.core.invoke('checks.run', { incidentId: inc.id });
    expect(r).toMatchObject({ ok: true, value: { incidentId: inc.id } });
    const bad = await t.core.invoke('checks.run', { incidentId: 'nope' });
    expect(bad).toMatchObject({ ok: false });
  });

  it('every vendor check says which vendor is not connected, before it reads anything', async () => {
    const none: LiveVendors = {
      slack: () => undefined,
      pagerduty: () => undefined,
      freshdesk: () => undefined,
      github: () => undefined,
    };
    const links = { slackChannelName: 'inc-x', pagerdutyIncidentId: 'P1', freshdeskTicketId: 7 };
    const said: Record<string, string> = {};
    for (const [id, check] of Object.entries(vendorChecks(none))) {
      const out = await check.run({ id: 'i1' } as Incident, links);
      said[id] = `${out.status}: ${'detail' in out ? out.detail : ''}`;
    }
    expect(said).toEqual({
      pagerduty_incident_exists: 'unknown: PagerDuty is not connected.',
      pagerduty_acknowledged: 'unknown: PagerDuty is not connected.',
      pagerduty_resolved: 'unknown: PagerDuty is not connected.',
      slack_channel_exists: 'unknown: Slack is not connected.',
      ticket_public_reply: 'unknown: Freshdesk is not connected.',
      ticket_closed: 'unknown: Freshdesk is not connected.',
      report_published: 'unknown: GitHub is not connected.',
    });
  });
});
