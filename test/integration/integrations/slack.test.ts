// Slack client against the simulator: every call, name rules and name_taken, invites, no thread_ts, pagination, errors.
import { describe, expect, it } from 'vitest';
import {
  CONN_EVENT_TYPE,
  channelNameFromPattern,
  createSlackClient,
  markerFor,
  sanitiseChannelName,
  slackMap,
  withSuffix,
} from '../../../src/main/core/integrations';
import { caught, useSim } from './setup';

const t = useSim();

describe('Slack client', () => {
  it('identifies the bot with auth.test', async () => {
    expect(await t.clients().slack.identify()).toMatchObject({
      ok: true,
      user_id: 'U0BOTUSER',
      bot_id: 'B0BOT1234',
      team_id: 'T0CONNSIM',
    });
  });

  it('sanitises channel names to Slack rules', () => {
    expect(sanitiseChannelName('INC 2026.09.30 Ocean Data Hub!')).toBe('inc-2026-09-30-ocean-data-hub');
    expect(sanitiseChannelName('Überhub — café')).toBe('uberhub-cafe');
    expect(sanitiseChannelName('---')).toBeNull();
    expect(sanitiseChannelName('a'.repeat(100))).toHaveLength(80);
    expect(withSuffix('b'.repeat(80), 12)).toBe(`${'b'.repeat(77)}-12`);
    expect(channelNameFromPattern('inc-YYYYMMDD-<hub>', new Date('2026-09-30T10:00:00Z'), { hub: 'Ocean Data' })).toBe(
      'inc-20260930-ocean-data',
    );
  });

  it('refuses names Slack would refuse, with the same codes as the simulator', async () => {
    const slack = t.clients().slack;
    expect(await caught(slack.createChannel('Has Caps'))).toMatchObject({
      kind: 'validation',
      vendorCode: 'invalid_name_specials',
    });
    expect(t.sim().requests({ vendor: 'slack', path: '/api/conversations.create' })).toHaveLength(0);
    const raw = await fetch(`${t.sim().urls.slack}conversations.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.sim().tokens.slack}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${'x'.repeat(81)}`,
    });
    expect(await raw.json()).toEqual({ ok: false, error: 'invalid_name_maxlength' });
  });

  const createsTheIncidentChannel =
    'creates the incident channel, adds a suffix on name_taken, and reuses its own channel after a lost answer';
  it(createsTheIncidentChannel, async () => {
    const slack = t.clients().slack;
    const first = await slack.createIncidentChannel('inc-archived-example');
    expect(first).toMatchObject({ reused: false, channel: { name: 'inc-archived-example-2' } });
    expect(await caught(slack.createChannel('inc-archived-example-2'))).toMatchObject({
      kind: 'conflict',
      vendorCode: 'name_taken',
    });
    t.sim().fault({ vendor: 'slack', path: '/api/conversations.create', action: { type: 'apply_then_drop' } });
    expect(await caught(slack.createIncidentChannel('inc-20260930-ocean'))).toMatchObject({
      kind: 'network',
      mayHaveApplied: true,
    });
    const again = await slack.createIncidentChannel('inc-20260930-ocean');
    expect(again).toMatchObject({ reused: true, channel: { name: 'inc-20260930-ocean' } });
    expect(t.sim().state.slack.channels.filter((c) => c.name.startsWith('inc-20260930-ocean'))).toHaveLength(1);
  });

  it('invites people, skipping the bot and treating already_in_channel as success', async () => {
    const slack = t.clients().slack;
    const { channel } = await slack.createIncidentChannel('inc-invite');
    await slack.invite(channel.id, ['U0ALICE01', 'U0BOTUSER', 'U0BOB0001']);
    await slack.invite(channel.id, ['U0ALICE01']);
    const members = t.sim().state.slack.channels.find((c) => c.id === channel.id)!.members;
    expect([...members].sort()).toEqual(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER']);
    expect(t.sim().requests({ path: '/api/conversations.invite' })[0]!.body).toMatchObject({
      users: 'U0ALICE01,U0BOB0001',
    });
    expect(await caught(slack.invite(channel.id, ['U0NOBODY']))).toMatchObject({
      kind: 'not_found',
      vendorCode: 'user_not_found',
    });
  });

  it('posts top-level messages only, with the marker as metadata, and finds them again', async () => {
    const slack = t.clients().slack;
    const sim = t.sim();
    const { channel } = await slack.createIncidentChannel('inc-posts');
    const a = await slack.postMessage(channel.id, 'Incident declared', { marker: markerFor('job-1') });
    await slack.postMessage(channel.id, 'Second update');
    const posts = sim.requests({ path: '/api/chat.postMessage' });
    for (const p of posts) expect(p.body).not.toHaveProperty('thread_ts');
    expect(JSON.parse((posts[0]!.body as { metadata: string }).metadata)).toEqual({
      event_type: CONN_EVENT_TYPE,
      event_payload: { marker: '[conn:job-1]' },
    });
    expect((await slack.findMessageByMarker(channel.id, markerFor('job-1')))?.ts).toBe(a.ts);
    expect(await slack.findMessageByMarker(channel.id, markerFor('job-1'), a.ts)).toBeNull();
    expect(await slack.findMessageByMarker(channel.id, markerFor('job-2'))).toBeNull();
    expect(await slack.permalink(channel.id, a.ts)).toBe(
      `https://conn-sim.slack.com/archives/${channel.id}/p${a.ts.replace('.', '')}`,
    );
  });

  const readsEveryHistoryPage =
    'reads every history page (cursor until empty) and thread replies, mapping them with original timestamps';
  it(readsEveryHistoryPage, async () => {
    const slack = t.clients().slack;
    const sim = t.sim();
    const ch = sim.state.slack.channels.find((c) => c.id === 'C0GENERAL1')!;
    for (let i = 0; i < 450; i++)
      ch.messages.push({ ts: `1759219200.${String(i).padStart(6, '0')}`, user: 'U0ALICE01', text: `m${i}` });
    ch.messages.push({ ts: '1759219300.000001', user: 'U0BOB0001', text: 'reply', thread_ts: '1759219200.000000' });
    Object.assign(ch.messages[0]!, { thread_ts: '1759219200.000000', reply_count: 1 });
    const history = await slack.history('C0GENERAL1');
    expect(history).toHaveLength(450);
    expect(history[0]!.text).toBe('m449');
    expect(sim.requests({ path: '/api/conversations.history' })).toHaveLength(3);
    const replies = await slack.replies('C0GENERAL1', '1759219200.000000');
    expect(replies.map((m) => m.text)).toEqual(['m0', 'reply']);
    const entry = slackMap.messageToEntry('C0GENERAL1', replies[1]!);
    expect(entry).toMatchObject({
      kind: 'reply',
      at: '2025-09-30T08:01:40.000Z',
      vendorRef: 'C0GENERAL1:1759219300.000001',
    });
  });

  it('looks up people by e-mail (null when unknown) and finds channels by name including archived ones', async () => {
    const slack = t.clients().slack;
    expect((await slack.lookupByEmail('BOB@conn-sim.example'))?.id).toBe('U0BOB0001');
    expect(await slack.lookupByEmail('nobody@conn-sim.example')).toBeNull();
    expect((await slack.findChannelByName('inc-archived-example', { includeArchived: true }))?.is_archived).toBe(true);
    expect(await slack.findChannelByName('nope')).toBeNull();
  });

  it('classifies not_in_channel, channel_not_found, msg_too_long, missing_scope and a revoked token', async () => {
    const slack = t.clients().slack;
    const sim = t.sim();
    expect(await caught(slack.postMessage('C0OLDINC01', 'x'))).toMatchObject({
      kind: 'validation',
      vendorCode: 'is_archived',
    });
    expect(await caught(slack.postMessage('C0NOPE', 'x'))).toMatchObject({
      kind: 'not_found',
      vendorCode: 'channel_not_found',
    });
    expect(await caught(slack.postMessage('C0GENERAL1', 'x'.repeat(40_001)))).toMatchObject({
      kind: 'validation',
      vendorCode: 'msg_too_long',
    });
    const limited = createSlackClient({ token: sim.tokens.slackLimited, apiUrl: sim.urls.slack });
    expect(await caught(limited.lookupByEmail('a@b.c'))).toMatchObject({
      kind: 'permission',
      vendorCode: 'missing_scope',
      vendorMessage: expect.stringContaining('users:read.email'),
    });
    sim.setToken('slack', sim.tokens.slack, true);
    const e = await caught(slack.identify());
    expect(e).toMatchObject({ kind: 'auth', vendorCode: 'token_revoked', needsReconnect: true });
    const bad = createSlackClient({ token: 'xoxb-wrong', apiUrl: sim.urls.slack });
    expect(await caught(bad.identify())).toMatchObject({ kind: 'auth', vendorCode: 'invalid_auth' });
  });

  it('rate-limits posts per channel with Retry-After, and the SDK does not retry on its own', async () => {
    const slack = t.clients().slack;
    const sim = t.sim();
    sim.state.slack.rate.burst = 2;
    await slack.postMessage('C0GENERAL1', 'one');
    await slack.postMessage('C0GENERAL1', 'two');
    const e = await caught(slack.postMessage('C0GENERAL1', 'three'));
    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 1000 });
    expect(sim.requests({ path: '/api/chat.postMessage' })).toHaveLength(3);
    sim.fault({ vendor: 'slack', path: '/api/auth.test', action: { type: 'rate_limit', omitHeaders: true } });
    expect(await caught(slack.identify())).toMatchObject({ kind: 'rate_limited' });
    sim.fault({ vendor: 'slack', path: '/api/auth.test', action: { type: 'status', status: 503 } });
    expect(await caught(slack.identify())).toMatchObject({ kind: 'server', status: 503 });
    expect(sim.requests({ path: '/api/auth.test' })).toHaveLength(2);
  });
});
