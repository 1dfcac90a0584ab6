// Handoff, record import and take-over through the simulators with real vendor clients: the outbox jobs are sent
// by the real dispatcher with the real executors (the vendor table, core/vendors).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { simConn, type SimConn } from '../helpers/handoffSim';
import { SIM_TICKET_URL } from '../helpers/simCore';
import { declaredAtVendors, useSimSuite } from '../helpers/simSuite';
import { SIM_TICKET_ID } from '../simulators';
import { DEFAULT_REGISTRY_DIR } from '../simulators/hubs';

const TICKET = SIM_TICKET_URL;
const MIN = 60_000;
const START = Date.UTC(2026, 10, 26, 14, 0, 0); // Thu 15:00 Amsterdam, 09:00 New York, 22:00 Shanghai
const s = useSimSuite(START, { fastSlack: true });

/** A hands command to Bob through the vendors, with the brief as drafted; returns the brief. */
async function handOffToBob(incidentId: string): Promise<string> {
  const d = await s.a.call('handoff.draft', { incidentId, toPersonId: s.a.people.bob.id });
  await s.a.call('handoff.send', { incidentId, toPersonId: s.a.people.bob.id, brief: d.brief, confirmed: true });
  await s.a.drain();
  return d.brief;
}

/** An incident worked for a while on Conn A: PD incident and channel created, notes, a human thread in Slack. */
async function workedIncident(): Promise<{ inc: Incident; pdId: string; channel: string }> {
  const { inc, pdId, channelId } = await declaredAtVendors(s, s.a, {
    title: 'Users cannot start servers',
    channel: 'inc-20261126-ocean-data',
    commander: s.a.people.alice.id,
  });
  s.clock.advance(5 * MIN);
  await s.a.call('roles.assign', {
    incidentId: inc.id,
    role: 'subject_matter_expert',
    personId: s.a.people.chen.id,
    techLead: true,
  });
  await s.a.call('notes.append', {
    incidentId: inc.id,
    kind: 'finding',
    body: 'Spawns time out after 300 s; image pulls take 6 minutes',
  });
  s.clock.advance(MIN);
  await s.a.call('notes.append', {
    incidentId: inc.id,
    kind: 'note',
    body: 'Hypothesis: the registry mirror is throttling pulls',
  });
  s.clock.advance(MIN);
  await s.a.call('notes.append', {
    incidentId: inc.id,
    kind: 'action',
    body: 'Raised the spawn timeout to 900 s',
    share: { slack: true },
  });
  await s.a.call('notes.append', {
    incidentId: inc.id,
    kind: 'status',
    body: 'Spawns succeed slowly; workshop users are getting in.',
  });
  await s.a.drain();
  const parent = await s.control('/slack/messages', {
    channel: channelId,
    user: 'U0CHEN001',
    text: 'Registry latency graph attached',
  });
  await s.control('/slack/messages', {
    channel: channelId,
    user: 'U0BOB0001',
    text: 'Seeing the same on the staging hub',
    thread_ts: parent.ts,
  });
  return { inc, pdId, channel: channelId };
}

describe('integrations.import', () => {
  const bringsSlackWithThread =
    'brings Slack (with thread replies), PagerDuty and Freshdesk onto the timeline once, recognising what Conn sent';
  it(bringsSlackWithThread, async () => {
    const { inc } = await workedIncident();
    const first = await s.a.call('integrations.import', { incidentId: inc.id });
    expect(first.added).toBeGreaterThan(5);
    expect(first.sentByConn).toBe(1); // the shared action carried a [conn:…] marker
    const tl = await s.a.call('timeline.list', { incidentId: inc.id, limit: 200 });
    const bodies = tl.items.map((e) => `${e.source}|${e.kind}|${e.body}`);
    expect(bodies).toContain('slack|message|Registry latency graph attached');
    expect(bodies).toContain('slack|reply|Seeing the same on the staging hub');
    expect(bodies.some((b) => b.startsWith('pagerduty|log.trigger|'))).toBe(true);
    expect(
      bodies.some((b) => b.startsWith('freshdesk|conversation.incoming|Also: users who were already running')),
    ).toBe(true);
    expect(bodies.some((b) => b.startsWith('freshdesk|ticket.opened|Ticket opened: Users cannot start servers'))).toBe(
      true,
    );
    expect(bodies.filter((b) => b.includes('Raised the spawn timeout')).length).toBe(1); // only the note itself
    const slackEntry = tl.items.find((e) => e.body === 'Registry latency graph attached')!;
    const ts = s.sim.state.slack.channels
      .flatMap((c) => c.messages)
      .find((m) => m.text === 'Registry latency graph attached')!.ts;
    expect(slackEntry.at).toBe(new Date(Number(ts.split('.')[0]) * 1000).toISOString()); // the original time

    const again = await s.a.call('integrations.import', { incidentId: inc.id });
    expect(again.added).toBe(0);
    expect(again.alreadyImported).toBe(first.added);
    await s.control('/slack/messages', {
      channel: s.sim.state.slack.channels.at(-1)!.id,
      user: 'U0CHEN001',
      text: 'Mirror restarted',
    });
    expect((await s.a.call('integrations.import', { incidentId: inc.id })).added).toBe(1);
  });

  it('says plainly when there is nothing to import from', async () => {
    const inc = await s.a.call('incidents.declare', { title: 'Quiet one' });
    await expect(s.a.call('integrations.import', { incidentId: inc.id })).rejects.toThrow(
      /no connected Slack channel, PagerDuty incident or Freshdesk ticket/,
    );
  });
});

describe('handoff', () => {
  it('drafts a brief from the real session', async () => {
    const { inc, pdId, channel } = await workedIncident();
    const d = await s.a.call('handoff.draft', { incidentId: inc.id, toPersonId: s.a.people.bob.id });
    expect(d.brief).toContain('# Handoff: Users cannot start servers (ocean-data)');
    expect(d.brief).toContain('Alice Jansen is handing command to Bob Okafor');
    expect(d.brief).toContain('Spawns succeed slowly; workshop users are getting in.');
    expect(d.brief).toContain('**Working hypothesis:** the registry mirror is throttling pulls');
    expect(d.brief).toMatch(/- 26 Nov, 14:05 UTC: Spawns time out after 300 s/);
    expect(d.brief).toContain('Raised the spawn timeout to 900 s');
    expect(d.brief).toMatch(/## Open steps\n- \[ \] /);
    expect(d.brief).toContain('Subject Matter Experts: Chen Wei (Tech Lead)');
    expect(d.brief).toContain('Community liaison: moves to Bob Okafor');
    expect(d.brief).toContain('Due by 26 Nov, 17:00 UTC');
    expect(d.brief).toContain(`- PagerDuty incident: https://`);
    expect(d.brief).toContain(`/incidents/${pdId}`);
    expect(d.brief).toContain(`- Slack channel: #inc-20261126-ocean-data (${channel})`);
    expect(d.brief).toContain(`- Ticket: ${TICKET}`);
    const bob = d.candidates.find((c) => c.personId === s.a.people.bob.id)!;
    expect(bob).toMatchObject({ localTime: 'Thu 09:07', outsideWorkingHours: false, hasPagerdutyUser: true });
    expect(d.candidates.find((c) => c.personId === s.a.people.chen.id)).toMatchObject({
      outsideWorkingHours: true,
      hasPagerdutyUser: false,
    });
    expect(d.parts).toHaveLength(6);
  });

  it('warns when the new commander is outside their working hours', async () => {
    const inc = await s.a.call('incidents.declare', { title: 'Night shift', commander: s.a.people.alice.id });
    const d = await s.a.call('handoff.draft', { incidentId: inc.id, toPersonId: s.a.people.chen.id });
    expect(d.warnings.join(' ')).toMatch(
      /It is Thu 22:00 for Chen Wei \(Asia\/Shanghai\): outside their working hours/,
    );
    expect(d.warnings.join(' ')).toMatch(/no PagerDuty user/);
  });

  it('refuses a handoff to yourself, to nobody, to someone without a PagerDuty user, or unconfirmed', async () => {
    const inc = await s.a.call('incidents.declare', { title: 'Refusals', commander: s.a.people.alice.id });
    const send = (extra: Record<string, unknown>) =>
      s.a.core.invoke('handoff.send', { incidentId: inc.id, brief: 'b', confirmed: true, ...extra });
    expect(await send({ toPersonId: s.a.people.alice.id })).toMatchObject({
      ok: false,
      error: { details: { reason: 'to_self' }, message: expect.stringMatching(/already have command/) },
    });
    expect(await send({})).toMatchObject({ ok: false, error: { details: { reason: 'to_nobody' } } });
    expect(await send({ toPersonId: s.a.people.chen.id })).toMatchObject({
      ok: false,
      error: { details: { reason: 'no_pagerduty_user' } },
    });
    expect(await send({ toPersonId: s.a.people.bob.id, confirmed: false })).toMatchObject({
      ok: false,
      error: { details: { reason: 'not_confirmed' } },
    });
    expect(s.a.core.db.prepare('SELECT count(*) FROM handoffs').pluck().get()).toBe(0);
    expect(s.a.core.db.prepare("SELECT count(*) FROM outbox_jobs WHERE ref_type = 'handoff'").pluck().get()).toBe(0);
    expect((await s.a.call('roles.list', { incidentId: inc.id })).commander?.id).toBe(s.a.people.alice.id);
  });

  it('sends every part, and a failed part is retried alone', async () => {
    const { inc, pdId, channel } = await workedIncident();
    const d = await s.a.call('handoff.draft', { incidentId: inc.id, toPersonId: s.a.people.bob.id });
    const brief = `${d.brief}\nCall me on my phone if needed.`;
    s.sim.fault({
      vendor: 'slack',
      path: '/api/chat.postMessage',
      action: { type: 'status', status: 200, body: { ok: false, error: 'msg_too_long' } },
    });
    const sent = await s.a.call('handoff.send', {
      incidentId: inc.id,
      toPersonId: s.a.people.bob.id,
      brief,
      confirmed: true,
    });
    expect(sent.parts.map((p) => p.kind)).toEqual([
      'pagerduty.reassign',
      'pagerduty.addNote',
      'slack.postMessage',
      'freshdesk.updateTicket',
      'pagerduty.addNote',
    ]);
    expect(sent.parts.every((p) => p.state === 'queued')).toBe(true);
    expect(sent.entries.map((e) => e.kind)).toEqual(['handoff', 'role_assigned']);
    expect((await s.a.call('roles.list', { incidentId: inc.id })).commander?.id).toBe(s.a.people.bob.id);

    await s.a.drain();
    let status = await s.a.call('handoff.status', { handoffId: sent.handoffId });
    const slackPart = status.parts.find((p) => p.kind === 'slack.postMessage')!;
    expect(slackPart.state).toBe('dead');
    expect(slackPart.lastError).toMatch(/msg_too_long/);
    expect(status.parts.filter((p) => p.state === 'sent')).toHaveLength(4);
    expect(status.failed).toBe(1);
    expect(s.sim.state.pagerduty.incidents.find((i) => i.id === pdId)!.assignments.map((x) => x.assignee.id)).toEqual([
      'PBOB001',
    ]);
    expect(s.sim.state.freshdesk.tickets.find((t) => t.id === SIM_TICKET_ID)!.responder_id).toBe(770002);
    const notes = s.sim.state.pagerduty.notes.get(pdId)!.map((n) => n.content);
    expect(
      notes.some((n) => n.startsWith('# Handoff: Users cannot start servers') && n.includes('Call me on my phone')),
    ).toBe(true);
    expect(notes.some((n) => n.startsWith('Community communication (the ticket) is now handled by Bob Okafor.'))).toBe(
      true,
    );

    const before = s.sim.requests().length;
    await s.a.call('outbox.retry', { jobId: slackPart.jobId });
    await s.a.drain();
    status = await s.a.call('handoff.status', { incidentId: inc.id });
    expect(status.complete).toBe(true);
    const after = s.sim.requests().slice(before - s.sim.requests().length || undefined);
    // Only the failed part went out again (the executor may look for it first); PagerDuty and Freshdesk saw nothing.
    expect(after.every((r) => r.vendor === 'slack')).toBe(true);
    expect(after.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(1);
    const posted = s.sim.state.slack.channels
      .find((c) => c.id === channel)!
      .messages.filter((m) => (m.text ?? '').startsWith('# Handoff'));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.thread_ts).toBeUndefined(); // top level, never in a thread
  });
});

describe('take-over', () => {
  let b: SimConn;
  beforeEach(async () => {
    b = await simConn(s.sim, s.clock, 'bob');
  });
  afterEach(() => b.cleanup());

  const roundTripAHands =
    'round trip: A hands off through the vendors, B previews (writing nothing), confirms and becomes commander';
  it(roundTripAHands, async () => {
    const { inc, pdId, channel } = await workedIncident();
    // The first reply to the community went out from A, with paragraphs and a line break.
    s.a.enqueue(inc.id, 'freshdesk.reply', { body: 'Hello,\n\nWe are looking into it.\nNext update within the hour.' });
    // A note shared to both Slack and PagerDuty: it comes back from both vendors.
    await s.a.call('notes.append', {
      incidentId: inc.id,
      kind: 'finding',
      body: 'Mirror throttling confirmed & <fixed>',
      share: { slack: true, pagerduty: true },
    });
    await s.a.drain();
    await handOffToBob(inc.id);
    s.clock.advance(10 * MIN);

    const url = `https://conn-sim.pagerduty.com/incidents/${pdId}`;
    const rows = () =>
      b.core.db
        .prepare(
          'SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM timeline_events) + (SELECT count(*) FROM ' +
            'notes)',
        )
        .pluck()
        .get();
    const before = rows();
    const preview = await b.call('takeover.import', { pagerdutyIncident: url });
    expect(preview.existing).toBe(false);
    expect(preview.incident).toBeNull();
    expect(preview.title).toBe('Users cannot start servers');
    expect(preview.pagerduty).toMatchObject({
      id: pdId,
      status: expect.stringMatching(/triggered|acknowledged/),
      assignees: ['Bob Okafor'],
    });
    expect(preview.slackChannel).toMatchObject({ id: channel, name: 'inc-20261126-ocean-data' });
    expect(preview.ticket).toMatchObject({
      id: SIM_TICKET_ID,
      subject: 'Users cannot start servers on the Ocean Data hub',
    });
    expect(preview.brief).toContain('Alice Jansen is handing command to Bob Okafor');
    expect(preview.brief).not.toContain('[conn:');
    expect(preview.warnings).toEqual([]);
    expect(preview.record.entries).toBeGreaterThan(5);
    // The preview wrote nothing: no incident in the list, no timeline.
    expect(await b.call('incidents.list', {})).toEqual([]);
    expect(rows()).toBe(before);
    await expect(b.call('takeover.confirm', { previewId: preview.previewId, confirmed: false })).rejects.toThrow(
      /Confirm/,
    );
    expect(await b.call('incidents.list', {})).toEqual([]);

    const done = await b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true });
    expect(done.existing).toBe(false);
    expect(done.incident).toMatchObject({
      title: 'Users cannot start servers',
      ticketUrl: TICKET,
      commanderId: b.people.bob.id,
    });
    const incidentId = done.incident.id;
    expect((await b.call('incidents.list', {})).map((i) => i.id)).toEqual([incidentId]);

    // The vendor checks ran at once: what the vendors show as done is done, with no button inviting it again.
    const steps = await b.call('checklist.list', { incidentId });
    const state = (id: string) => steps.find((st) => st.stepId === id)?.state;
    expect(state('trigger_pagerduty')).toBe('done');
    expect(state('acknowledge')).toBe('done');
    expect(done.checks?.results.find((r) => r.stepId === 'acknowledge')).toMatchObject({ status: 'confirmed' });

    const tl = await b.call('timeline.list', { incidentId, limit: 300 });
    const bodies = tl.items.map((e) => `${e.source}|${e.body}`);
    expect(bodies).toContain('slack|Registry latency graph attached');
    expect(bodies).toContain('slack|Seeing the same on the staging hub');
    expect(bodies).toContain('slack|Action taken: Raised the spawn timeout to 900 s');
    // The brief went to Slack and PagerDuty: it is on the timeline once.
    expect(bodies.filter((x) => /^(pagerduty|slack)\|# Handoff: Users cannot start servers/.test(x)).length).toBe(1);
    expect(bodies.some((x) => x.startsWith('freshdesk|Also: users who were already running'))).toBe(true);
    expect(bodies.some((x) => x.includes('[conn:'))).toBe(false);
    // The shared note once, though Slack and PagerDuty both hold it.
    expect(bodies.filter((x) => /^(slack|pagerduty)\|Finding: Mirror throttling confirmed/.test(x)).length).toBe(1);
    // The ticket reply keeps its paragraphs and line breaks.
    expect(bodies).toContain('freshdesk|Hello,\n\nWe are looking into it.\nNext update within the hour.');

    // B's outbox targets the same PD incident, channel and ticket.
    await b.call('updates.send', { incidentId, text: 'Bob here: still on it.' });
    await b.drain();
    expect(s.sim.state.pagerduty.incidents).toHaveLength(1);
    expect(
      s.sim.state.slack.channels
        .find((c) => c.id === channel)!
        .messages.some((m) => (m.text ?? '').includes('Bob here: still on it.')),
    ).toBe(true);
    expect(
      s.sim.state.freshdesk.conversations.some(
        (c) => c.ticket_id === SIM_TICKET_ID && c.body.includes('Bob here: still on it.'),
      ),
    ).toBe(true);

    // Taking over again re-imports into the same local incident without duplicates.
    const again = await b.call('takeover.import', { pagerdutyIncident: pdId });
    expect(again).toMatchObject({ existing: true, incident: { id: incidentId } });
    const second = await b.call('takeover.confirm', { previewId: again.previewId, confirmed: true });
    expect(second.imported.added).toBeLessThanOrEqual(3); // only B's own new posts, once
    expect((await b.call('incidents.list', {})).length).toBe(1);
    const tl2 = await b.call('timeline.list', { incidentId, limit: 300 });
    expect(tl2.items.filter((e) => e.body.startsWith('Finding: Mirror throttling confirmed')).length).toBe(1);
    // A used preview cannot be confirmed twice.
    await expect(b.call('takeover.confirm', { previewId: again.previewId, confirmed: true })).rejects.toThrow(
      /Import the incident again/,
    );
  });

  it('the blast radius travels in the brief: B keeps the hub and the affected hubs its registry knows', async () => {
    const { inc, pdId } = await workedIncident();
    await s.a.call('registry.import', { folder: DEFAULT_REGISTRY_DIR });
    const scoped = await s.a.call('incidents.setScope', { incidentId: inc.id, kind: 'cluster', value: 'seaweed' });
    const dropped = scoped.hubs[0]!.hubId;
    await s.a.call('incidents.setHubIncluded', { incidentId: inc.id, hubId: dropped, included: false });
    const kept = scoped.hubs.map((h) => h.hubId).filter((h) => h !== dropped);
    expect(kept.length).toBeGreaterThan(0);
    expect(await handOffToBob(inc.id)).toContain(`- Affected hubs: ${kept.join(', ')}`);

    // B has no registry yet: the preview names the hubs it cannot place, and writes nothing.
    const blind = await b.call('takeover.import', { pagerdutyIncident: pdId });
    expect(blind.warnings.join(' ')).toContain(kept.join(', '));
    await b.call('registry.import', { folder: DEFAULT_REGISTRY_DIR });
    const preview = await b.call('takeover.import', { pagerdutyIncident: pdId });
    expect(preview.warnings).toEqual([]);
    const done = await b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true });
    expect(done.incident.hub).toBe('ocean-data');
    const scope = await b.call('incidents.scope', { incidentId: done.incident.id });
    expect(scope.hubs.filter((h) => !h.excluded).map((h) => h.hubId)).toEqual(kept);
    expect(scope.hubs.map((h) => h.hubId)).not.toContain(dropped);
  });

  it('a take-over killed midway writes and announces nothing; confirmed again, it writes everything', async () => {
    const { inc } = await workedIncident();
    await handOffToBob(inc.id);
    const count = (table: string) => b.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const tables = ['incidents', 'timeline_events', 'checklist_steps', 'incident_links', 'incident_roles'];
    const before = tables.map(count);
    const preview = await b.call('takeover.import', { slackChannel: '#inc-20261126-ocean-data' });
    const events: string[] = [];
    const off = b.core.bus.subscribe((name) => events.push(name));
    // The record import is the last write but one: by then the incident, its status, the previous commander,
    // the links and the completed steps are written. It fails, as a crash there would stop it.
    const kill = vi.spyOn(b.core.services.recordImport, 'write').mockImplementationOnce(() => {
      throw new Error('killed midway');
    });
    await expect(b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true })).rejects.toThrow();
    expect(kill).toHaveBeenCalledTimes(1);
    expect(tables.map(count)).toEqual(before);
    expect(events).toEqual([]);
    kill.mockRestore();

    const done = await b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true });
    off();
    expect(done.incident).toMatchObject({ commanderId: b.people.bob.id });
    expect(done.imported.added).toBeGreaterThan(0);
    expect(tables.map(count).every((n, i) => n > before[i]!)).toBe(true);
    const steps = await b.call('checklist.list', { incidentId: done.incident.id });
    expect(steps.find((st) => st.stepId === 'trigger_pagerduty')?.state).toBe('done');
    // Announced after the commit, in the order written.
    expect(events.indexOf('incidents.declared')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('incidents.declared')).toBeLessThan(events.lastIndexOf('roles.changed'));
  });

  it('finds the incident from the Slack channel too', async () => {
    const { pdId } = await workedIncident();
    const inc = (await s.a.call('incidents.list', {}))[0]!;
    await handOffToBob(inc.id);
    const preview = await b.call('takeover.import', { slackChannel: '#inc-20261126-ocean-data' });
    expect(preview.pagerduty?.id).toBe(pdId);
    expect(preview.brief).toContain('# Handoff');
  });

  it('says plainly when the incident does not exist or the token cannot read it', async () => {
    await expect(b.call('takeover.import', { pagerdutyIncident: 'Q0NOSUCH01' })).rejects.toThrow(
      /not_found PagerDuty has no incident Q0NOSUCH01/,
    );
    s.sim.fault({
      vendor: 'pagerduty',
      method: 'GET',
      path: '/incidents/*',
      action: { type: 'status', status: 403, body: { error: { message: 'Access Denied', code: 2010 } } },
    });
    await expect(b.call('takeover.import', { pagerdutyIncident: 'Q0SECRET01' })).rejects.toThrow(
      /forbidden The PagerDuty token cannot read incident Q0SECRET01/,
    );
    const bad = await b.core.invoke('takeover.import', { pagerdutyIncident: 'not an id!' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('status updates with Freshdesk connected', () => {
  it('prefers the canned response, fills ticket and session placeholders, and says where it came from', async () => {
    const { inc } = await workedIncident();
    const d = await s.a.call('updates.draft', { incidentId: inc.id, template: 'update' });
    expect(d.source).toBe('Freshdesk canned response "incident update"');
    expect(d.text).toContain('Hi Priya Raman,');
    expect(d.text).toContain('An update on "Users cannot start servers on the Ocean Data hub"');
    expect(d.text).toContain('Current state: Spawns succeed slowly; workshop users are getting in.');
    expect(d.text).toContain('- Spawns time out after 300 s; image pulls take 6 minutes');
    expect(d.text).toContain('Alice Jansen');
    expect(d.unknownPlaceholders).toEqual([]);
  });

  it('falls back to the built-in template when Freshdesk is not connected', async () => {
    const c = await simConn(s.sim, s.clock, 'alice', { connect: false });
    try {
      const inc = await c.call('incidents.declare', { title: 'Offline one' });
      expect((await c.call('updates.draft', { incidentId: inc.id, template: 'update' })).source).toBe(
        'built-in template',
      );
    } finally {
      c.cleanup();
    }
  });

  it('delegating the liaison duty assigns the ticket and notes it on PagerDuty', async () => {
    const { inc, pdId } = await workedIncident();
    await s.a.call('roles.assign', { incidentId: inc.id, role: 'external_liaison', personId: s.a.people.bob.id });
    await s.a.drain();
    expect(s.sim.state.freshdesk.tickets.find((t) => t.id === SIM_TICKET_ID)!.responder_id).toBe(770002);
    expect(
      s.sim.state.pagerduty.notes
        .get(pdId)!
        .some((n) => n.content.startsWith('Bob Okafor is now the External Liaison')),
    ).toBe(true);
    // Giving it back to the commander writes nothing to the vendors.
    const before = (await s.a.call('outbox.list', {})).length;
    await s.a.call('roles.assign', { incidentId: inc.id, role: 'external_liaison', personId: s.a.people.alice.id });
    expect((await s.a.call('outbox.list', {})).length).toBe(before);
  });
});
