// The real executors against the simulators: every job kind, reconciliation after a lost answer, rate limits.
import { describe, expect, it } from 'vitest';
import { jobKinds } from '../../../src/shared/outbox';
import { PD_TITLE_MAX } from '../../../src/main/core/outbox/vendors/pagerduty';
import { SLACK_PART_MAX } from '../../../src/main/core/outbox/vendors/slack';
import { SIM_TICKET_ID } from '../../simulators';
import { useSimulators, type SimCore } from '../../helpers/simCore';

const suite = useSimulators();
let t: SimCore | undefined;

const channels = () => suite.sim.state.slack.channels.filter((c) => c.name.startsWith('inc-') && !c.is_archived);
const conversationsWith = (marker: string) =>
  suite.sim.state.freshdesk.conversations.filter((c) => c.body.includes(marker));
const pdIncidents = () => suite.sim.state.pagerduty.incidents;
const date = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

describe('vendor executors against the simulators', () => {
  it('has an executor for every job kind', () => {
    t = suite.core();
    const registry = t.wiring.executors(t.core.services.integrations.credentials);
    expect(jobKinds.filter((k) => !registry[k])).toEqual([]);
  });

  const createsTheSlackChannel =
    'creates the Slack channel from the name pattern, invites people, then posts top-level messages once';
  it(createsTheSlackChannel, async () => {
    t = suite.core();
    t.core.services.integrations.save({
      vendor: 'slack',
      config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: ['chen@conn-sim.example', 'U0DANA001'] },
    });
    const inc = t.incident();
    const create = t.enqueue(inc.id, 'slack.createChannel', { name: 'incident-x', inviteUserIds: ['U0ALICE01'] });
    const post = t.enqueue(inc.id, 'slack.postMessage', { text: 'We are on it.' });
    await t.drain();
    const ch = channels();
    expect(ch.map((c) => c.name)).toEqual([`inc-${date()}-ocean-data`]);
    expect([...ch[0]!.members].sort()).toEqual(['U0ALICE01', 'U0BOTUSER', 'U0CHEN001', 'U0DANA001']);
    expect(t.job(create)).toMatchObject({ state: 'sent', result: { channelId: ch[0]!.id, name: ch[0]!.name } });
    expect(ch[0]!.messages).toHaveLength(1);
    expect(ch[0]!.messages[0]).toMatchObject({
      text: 'We are on it.',
      metadata: { event_payload: { marker: `conn:${post}` } },
    });
    expect(ch[0]!.messages[0]!.thread_ts).toBeUndefined();
    // The permalink is the one Slack itself gives, built without a second call per post.
    const ts = ch[0]!.messages[0]!.ts;
    const slack = t.wiring.clients(t.core.services.integrations.credentials).slack!;
    expect(t.job(post).result).toMatchObject({ channelId: ch[0]!.id, ts, url: await slack.permalink(ch[0]!.id, ts) });
    // This test's own.
    expect(suite.sim.requests({ vendor: 'slack' }).filter((r) => r.path.endsWith('chat.getPermalink'))).toHaveLength(1);
  });

  it('a second incident on the same day and hub gets its own channel, not the first one', async () => {
    t = suite.core();
    const a = t.incident('First');
    const b = t.incident('Second');
    t.enqueue(a.id, 'slack.createChannel', { name: 'a' });
    t.enqueue(b.id, 'slack.createChannel', { name: 'b' });
    await t.drain();
    expect(channels().map((c) => c.name)).toEqual([`inc-${date()}-ocean-data`, `inc-${date()}-ocean-data-2`]);
  });

  it('a Slack message before any channel fails with a clear reason, without calling Slack', async () => {
    t = suite.core();
    const inc = t.incident();
    const post = t.enqueue(inc.id, 'slack.postMessage', { text: 'too early' });
    await t.drain();
    expect(t.job(post).state).toBe('dead');
    expect(t.job(post).lastError).toMatch(
      /no Slack channel for this incident yet: run 'Create the Slack channel' first/,
    );
    expect(suite.sim.requests({ vendor: 'slack', path: '/api/chat.postMessage' })).toHaveLength(0);
  });

  it('splits text over the Slack limit into several top-level messages', async () => {
    t = suite.core();
    const inc = t.incident();
    t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
    await t.drain();
    suite.sim.state.slack.rate.burst = 100;
    const paragraph = `${'word '.repeat(199)}end.`; // 1 000 characters
    const text = Array.from({ length: 9 }, () => paragraph).join('\n\n'); // ~9 000 characters: three parts
    const post = t.enqueue(inc.id, 'slack.postMessage', { text });
    await t.drain();
    const msgs = channels()[0]!.messages;
    expect(msgs).toHaveLength(3);
    expect(msgs.every((m) => Array.from(m.text).length <= SLACK_PART_MAX && m.thread_ts === undefined)).toBe(true);
    expect(msgs[1]!.text).toMatch(/part 2 of 3/);
    expect(msgs.map((m) => m.text.replace(/\n_\(part \d of 3\)_$/, '')).join('\n\n')).toBe(text);
    expect(t.job(post)).toMatchObject({ state: 'sent', result: { parts: 3 } });
  });

  const aSplitMessageWhose =
    'a split message whose second part is rate limited is completed by the retry without repeating the first part';
  it(aSplitMessageWhose, async () => {
    t = suite.core();
    const inc = t.incident();
    t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
    await t.drain();
    suite.sim.state.slack.rate.burst = 1; // the channel's natural limit: the second post in the same second gets a 429
    suite.sim.state.slack.rate.buckets.clear();
    const post = t.enqueue(inc.id, 'slack.postMessage', { text: `${'a'.repeat(3900)}\n\n${'b'.repeat(3900)}` });
    await t.core.dispatcher.runOnce();
    expect(t.job(post).state).toBe('retrying');
    expect(channels()[0]!.messages).toHaveLength(1);
    await t.drain();
    const markers = channels()[0]!.messages.map((m) => m.metadata?.event_payload.marker);
    expect(markers).toEqual([`conn:${post}#1`, `conn:${post}#2`]);
    expect(suite.sim.requests({ path: '/api/chat.postMessage' }).filter((r) => r.status === 429)).toHaveLength(1);
  });

  const pagerdutyCreatesTheIncident =
    'PagerDuty: creates the incident on the default service with the key, assignee and a capped title; then notes ' +
    'and state changes';
  it(pagerdutyCreatesTheIncident, async () => {
    t = suite.core();
    const inc = t.incident();
    const long = `Servers will not start ${'x'.repeat(1200)}`;
    const create = t.enqueue(inc.id, 'pagerduty.createIncident', {
      title: long,
      details: `Freshdesk ticket: https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`,
      assigneeUserId: 'PBOB001',
    });
    const note = t.enqueue(inc.id, 'pagerduty.addNote', { content: 'Restarted the spawner.' });
    const ack = t.enqueue(inc.id, 'pagerduty.acknowledge', {});
    const re = t.enqueue(inc.id, 'pagerduty.reassign', { assigneeUserId: 'PCHEN01' });
    const su = t.enqueue(inc.id, 'pagerduty.statusUpdate', { message: 'Still investigating.' });
    const res = t.enqueue(inc.id, 'pagerduty.resolve', {});
    const jobs = await t.drain();
    expect(jobs.map((j) => j.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent']);
    const [pd] = pdIncidents();
    expect(pdIncidents()).toHaveLength(1);
    expect(pd).toMatchObject({
      incident_key: `conn-${inc.id}`,
      urgency: 'high',
      status: 'resolved',
      service: { id: 'PSVC001' },
    });
    expect(pd!.title.length).toBe(PD_TITLE_MAX);
    expect(pd!.title.endsWith('…')).toBe(true);
    expect(pd!.details).toContain(`/tickets/${SIM_TICKET_ID}`);
    expect(t.job(create).result).toMatchObject({ incidentId: pd!.id, htmlUrl: expect.stringContaining(pd!.id) });
    expect(suite.sim.state.pagerduty.notes.get(pd!.id)!.map((n) => n.content)).toEqual([
      `Restarted the spawner.\n\n[conn:${note}]`,
    ]);
    expect(suite.sim.state.pagerduty.statusUpdates.get(pd!.id)!.map((s) => s.message)).toEqual([
      'Still investigating.',
    ]);
    const log = suite.sim.state.pagerduty.logEntries.get(pd!.id)!;
    expect(log.map((l) => l.summary)).toContain('Reassigned to Chen Wei by Alice Jansen');
    const logTypes = log.map((l) => l.type);
    expect(logTypes).toEqual(
      expect.arrayContaining(['trigger_log_entry', 'acknowledge_log_entry', 'resolve_log_entry']),
    );
    const creates = suite.sim.requests({ vendor: 'pagerduty', method: 'POST', path: '/incidents' });
    expect(creates[0]!.headers.from).toBe(suite.sim.fromEmail);
    expect(creates[0]!.body).toMatchObject({ incident: { assignments: [{ assignee: { id: 'PBOB001' } }] } });
    for (const id of [ack, re, su, res]) expect(t.job(id).state).toBe('sent');
  });

  it('PagerDuty jobs before the incident exists fail with a reason naming the step to run', async () => {
    t = suite.core();
    const inc = t.incident();
    const note = t.enqueue(inc.id, 'pagerduty.addNote', { content: 'x' });
    await t.drain();
    expect(t.job(note)).toMatchObject({
      state: 'dead',
      lastError: expect.stringMatching(/run 'Open the PagerDuty incident' first/),
    });
  });

  it('Freshdesk: a public reply as HTML with a hidden marker, a private note, and closing the ticket', async () => {
    t = suite.core();
    const inc = t.incident();
    const reply = t.enqueue(inc.id, 'freshdesk.reply', { body: 'Hello,\n\nWe are on it <now>.\nBest' });
    const note = t.enqueue(inc.id, 'freshdesk.addNote', { body: 'internal' });
    const close = t.enqueue(inc.id, 'freshdesk.updateTicket', { status: 5 });
    await t.drain();
    const [r] = conversationsWith(`conn:${reply}`);
    expect(r).toMatchObject({ private: false, source: 0 });
    expect(r!.body).toBe(`<p>Hello,</p><p>We are on it &lt;now&gt;.<br>Best</p>\n<!-- [conn:${reply}] -->`);
    expect(conversationsWith(`conn:${note}`)).toMatchObject([{ private: true, source: 2 }]);
    expect(suite.sim.state.freshdesk.tickets.find((x) => x.id === SIM_TICKET_ID)!.status).toBe(5);
    expect(t.job(close).state).toBe('sent');
  });

  describe('a lost answer after the vendor applied it (apply_then_drop) is reconciled, never sent twice', () => {
    it('Slack post', async () => {
      t = suite.core();
      const inc = t.incident();
      t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
      await t.drain();
      suite.sim.fault({ vendor: 'slack', path: '/api/chat.postMessage', action: { type: 'apply_then_drop' } });
      const post = t.enqueue(inc.id, 'slack.postMessage', { text: 'once' });
      await t.drain();
      expect(t.job(post).state).toBe('sent');
      expect(channels()[0]!.messages.filter((m) => m.text === 'once')).toHaveLength(1);
      expect(suite.sim.requests({ path: '/api/chat.postMessage' })).toHaveLength(1);
    });

    it('Slack channel creation', async () => {
      t = suite.core();
      const inc = t.incident();
      suite.sim.fault({ vendor: 'slack', path: '/api/conversations.create', action: { type: 'apply_then_drop' } });
      const create = t.enqueue(inc.id, 'slack.createChannel', { name: 'x', inviteUserIds: ['U0BOB0001'] });
      await t.drain();
      expect(channels()).toHaveLength(1);
      expect(t.job(create)).toMatchObject({ state: 'sent', result: { channelId: channels()[0]!.id } });
      expect([...channels()[0]!.members]).toContain('U0BOB0001');
    });

    it('PagerDuty create and note', async () => {
      t = suite.core();
      const inc = t.incident();
      suite.sim.fault({ vendor: 'pagerduty', method: 'POST', path: '/incidents', action: { type: 'apply_then_drop' } });
      suite.sim.fault({
        vendor: 'pagerduty',
        method: 'POST',
        path: '/incidents/*',
        action: { type: 'apply_then_drop' },
      });
      t.enqueue(inc.id, 'pagerduty.createIncident', { title: 'T' });
      const note = t.enqueue(inc.id, 'pagerduty.addNote', { content: 'once' });
      await t.drain();
      expect(pdIncidents()).toHaveLength(1);
      expect(
        suite.sim.state.pagerduty.notes.get(pdIncidents()[0]!.id)!.filter((n) => n.content.includes(`conn:${note}`)),
      ).toHaveLength(1);
    });

    it('Freshdesk reply (Freshdesk itself never de-duplicates)', async () => {
      t = suite.core();
      const inc = t.incident();
      suite.sim.fault({
        vendor: 'freshdesk',
        method: 'POST',
        path: `/api/v2/tickets/${SIM_TICKET_ID}/reply`,
        action: { type: 'apply_then_drop' },
      });
      const reply = t.enqueue(inc.id, 'freshdesk.reply', { body: 'once' });
      await t.drain();
      expect(t.job(reply).state).toBe('sent');
      expect(conversationsWith(`conn:${reply}`)).toHaveLength(1);
    });

    it('a hung request times out, is reconciled, and is sent once', async () => {
      t = suite.core({ timeoutMs: 300 });
      const inc = t.incident();
      suite.sim.fault({
        vendor: 'freshdesk',
        method: 'POST',
        path: `/api/v2/tickets/${SIM_TICKET_ID}/notes`,
        action: { type: 'hang' },
      });
      const note = t.enqueue(inc.id, 'freshdesk.addNote', { body: 'after a hang' });
      await t.drain();
      expect(t.job(note).state).toBe('sent');
      expect(conversationsWith(`conn:${note}`)).toHaveLength(1); // the hang never applied: sent by the retry
    });
  });

  const honoursRateLimitsA =
    'honours rate limits: a 429 with Retry-After pauses the vendor until then, and the job is sent once afterwards';
  it(honoursRateLimitsA, async () => {
    t = suite.core();
    const inc = t.incident();
    suite.sim.fault({
      vendor: 'freshdesk',
      method: 'POST',
      path: `/api/v2/tickets/${SIM_TICKET_ID}/reply`,
      action: { type: 'rate_limit', waitSeconds: 1 },
    });
    const reply = t.enqueue(inc.id, 'freshdesk.reply', { body: 'after the wait' });
    const before = Date.now();
    await t.core.dispatcher.runOnce();
    const j = t.job(reply);
    expect(j.state).toBe('retrying');
    expect(Date.parse(j.nextAt!)).toBeGreaterThanOrEqual(before + 1000);
    expect(t.core.services.outbox.status().vendors.find((v) => v.vendor === 'freshdesk')!.pausedUntil).not.toBeNull();
    expect(await t.core.dispatcher.runOnce()).toBe(0); // nothing goes out before the wait
    await t.drain();
    expect(conversationsWith(`conn:${reply}`)).toHaveLength(1);
    expect(suite.sim.requests({ vendor: 'freshdesk', method: 'POST' })).toHaveLength(2);
  });

  it('honours PagerDuty ratelimit-reset the same way', async () => {
    t = suite.core();
    const inc = t.incident();
    suite.sim.fault({
      vendor: 'pagerduty',
      method: 'POST',
      path: '/incidents',
      action: { type: 'rate_limit', waitSeconds: 1 },
    });
    const create = t.enqueue(inc.id, 'pagerduty.createIncident', { title: 'T' });
    const before = Date.now();
    await t.core.dispatcher.runOnce();
    expect(Date.parse(t.job(create).nextAt!)).toBeGreaterThanOrEqual(before + 1000);
    await t.drain();
    expect(pdIncidents()).toHaveLength(1);
  });

  it('integrations.test names who we are connected as, and explains a refused token', async () => {
    t = suite.core();
    for (const vendor of ['slack', 'pagerduty', 'freshdesk'] as const) {
      const r = await t.core.services.integrations.test({ vendor });
      expect(r, vendor).toMatchObject({ ok: true });
    }
    expect((await t.core.services.integrations.test({ vendor: 'pagerduty' })).message).toMatch(
      /Alice Jansen <alice@conn-sim.example>/,
    );
    suite.sim.setToken('slack', suite.sim.tokens.slack, true);
    const bad = await t.core.services.integrations.test({ vendor: 'slack' });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/revoked|did not accept the token/);
    expect(bad.message).not.toContain(suite.sim.tokens.slack);
  });
});
