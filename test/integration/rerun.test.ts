// Actions are idempotent in the domain: a step whose requests were sent refuses a rerun unless the request says
// `again: true`; with it, exactly one more vendor request. The same rule for status updates and handoffs.
import { afterEach, describe, expect, it } from 'vitest';
import { call as must, failure } from '../helpers/call';
import { outboxCore } from '../helpers/outbox';

let t: ReturnType<typeof outboxCore>;
afterEach(() => t?.cleanup());

const declare = () =>
  t.core.services.incidents.declare({
    title: 'Servers will not start',
    hub: 'uw',
    ticketUrl: 'https://acme.freshdesk.com/a/tickets/7',
  }).id;
const replies = () => [...t.vendor.effects.keys()].length;

describe('a second run of a sent action', () => {
  it('finding 1: a second A press after the reply was sent is refused (already_sent) and sends nothing', async () => {
    t = outboxCore();
    const id = declare();
    const ref = { incidentId: id, stepId: 'acknowledge' };
    await must(t.core, 'checklist.runAction', ref);
    await t.drain();
    expect(t.vendor.requests).toBe(1);
    const step = (await must(t.core, 'checklist.list', { incidentId: id })).find((s) => s.stepId === 'acknowledge')!;
    expect(step.state).toBe('done'); // the vendor accepted it, so the step is done; a second A must still not send
    const refused = await failure(t.core, 'checklist.runAction', ref);
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'already_sent', sentAt: step.jobs[0]!.at } });
    expect(refused.message).toMatch(/was already sent/);
    await t.drain();
    expect(t.vendor.requests).toBe(1);
    expect(replies()).toBe(1);
  });

  it('while the first run is still waiting, a second run is refused even with again (pending)', async () => {
    t = outboxCore();
    const id = declare();
    const ref = { incidentId: id, stepId: 'trigger_pagerduty' };
    await must(t.core, 'checklist.runAction', ref);
    expect(await failure(t.core, 'checklist.runAction', { ...ref, again: true })).toMatchObject({
      code: 'conflict',
      details: { reason: 'pending' },
    });
    await t.drain();
    expect(t.vendor.requests).toBe(2); // one PagerDuty incident, one Slack channel
  });

  it('with again: true, exactly one more request per job of the action', async () => {
    t = outboxCore();
    const id = declare();
    const ref = { incidentId: id, stepId: 'acknowledge' };
    await must(t.core, 'checklist.runAction', ref);
    await t.drain();
    const r = await must(t.core, 'checklist.runAction', { ...ref, again: true });
    expect(r.jobs.map((j) => [j.kind, j.state])).toEqual([['freshdesk.reply', 'queued']]);
    await t.drain();
    expect(t.vendor.requests).toBe(2);
    expect(replies()).toBe(2);
    // And it is "sent" again: the next plain run is refused once more.
    expect((await failure(t.core, 'checklist.runAction', ref)).details).toMatchObject({ reason: 'already_sent' });
  });

  it('a run that may have arrived (uncertain) is refused even with again: settle it first', async () => {
    t = outboxCore();
    const id = declare();
    t.vendor.script = ['drop'];
    const ref = { incidentId: id, stepId: 'acknowledge' };
    await must(t.core, 'checklist.runAction', ref);
    await t.core.dispatcher.runOnce();
    const refused = await failure(t.core, 'checklist.runAction', { ...ref, again: true });
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'unsettled' } });
    expect(refused.message).toMatch(/Settle it in the outbox first/);
    expect(t.vendor.requests).toBe(1);
  });

  it('a run whose requests all failed or were discarded runs again without again', async () => {
    t = outboxCore();
    const id = declare();
    t.vendor.script = ['invalid'];
    const ref = { incidentId: id, stepId: 'acknowledge' };
    await must(t.core, 'checklist.runAction', ref);
    await t.drain();
    const r = await must(t.core, 'checklist.runAction', ref);
    expect(r.jobs).toHaveLength(1);
  });

  it('resolve: the PagerDuty resolve step follows the same rule', async () => {
    t = outboxCore();
    const id = declare();
    const ref = { incidentId: id, stepId: 'resolve_pagerduty' };
    await must(t.core, 'checklist.runAction', ref);
    await t.drain();
    expect((await failure(t.core, 'checklist.runAction', ref)).details).toMatchObject({ reason: 'already_sent' });
    await must(t.core, 'checklist.runAction', { ...ref, again: true });
    await t.drain();
    expect(t.vendor.requests).toBe(2);
  });

  it('status updates: the same text twice is refused unless again; a different text goes', async () => {
    t = outboxCore();
    const id = declare();
    const text = 'We are still working on it. Next update in an hour.';
    await must(t.core, 'updates.send', { incidentId: id, text });
    expect(await failure(t.core, 'updates.send', { incidentId: id, text })).toMatchObject({
      code: 'conflict',
      details: { reason: 'pending' },
    });
    await t.drain();
    const sentOnce = t.vendor.requests;
    expect(sentOnce).toBe(3);
    expect(await failure(t.core, 'updates.send', { incidentId: id, text })).toMatchObject({
      code: 'conflict',
      details: { reason: 'already_sent' },
    });
    await must(t.core, 'updates.send', { incidentId: id, text, again: true });
    await t.drain();
    expect(t.vendor.requests).toBe(sentOnce + 3);
    await must(t.core, 'updates.send', { incidentId: id, text: 'Fixed.' });
  });

  it('handoff: the same handoff to the same person twice is refused as already sent', async () => {
    t = outboxCore();
    const id = declare();
    const ada = await must(t.core, 'people.save', { name: 'Ada', timezone: 'Europe/Berlin' });
    const bob = await must(t.core, 'people.save', {
      name: 'Bob',
      timezone: 'Europe/Berlin',
      slackUserId: 'U2',
      pagerdutyUserId: 'PBOB',
    });
    await must(t.core, 'people.setMe', { personId: ada.id });
    await must(t.core, 'roles.assign', { incidentId: id, role: 'incident_commander', personId: ada.id });
    // Link PagerDuty and Slack.
    await must(t.core, 'checklist.runAction', { incidentId: id, stepId: 'trigger_pagerduty' });
    await t.drain();
    const send = { incidentId: id, toPersonId: bob.id, brief: 'All yours', confirmed: true };
    const first = await must(t.core, 'handoff.send', send);
    expect(first.parts.length).toBeGreaterThan(0);
    await t.drain();
    const before = t.vendor.requests;
    expect(await failure(t.core, 'handoff.send', send)).toMatchObject({
      code: 'conflict',
      details: { reason: 'already_sent' },
    });
    await t.drain();
    expect(t.vendor.requests).toBe(before);
  });
});
