// The simulators' HTTP control API: faults, token revoke/replace, read-back of requests and state.
import { describe, expect, it } from 'vitest';
import { createSlackClient } from '../../../src/main/core/integrations';
import { caught, useSim } from './setup';

const t = useSim();
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${t.sim().urls.control}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('simulator control API', () => {
  it('injects faults for N matching requests, then answers normally', async () => {
    await control('POST', '/faults', {
      vendor: 'slack',
      path: '/api/auth.test',
      count: 2,
      action: { type: 'status', status: 500 },
    });
    const slack = t.clients().slack;
    expect(await caught(slack.identify())).toMatchObject({ kind: 'server' });
    expect(await caught(slack.identify())).toMatchObject({ kind: 'server' });
    expect((await slack.identify()).ok).toBe(true);
    const log = (await control('GET', '/requests?vendor=slack')).body as { fault: string | null; status: number }[];
    expect(log.map((r) => [r.fault, r.status])).toEqual([
      ['status', 500],
      ['status', 500],
      [null, 200],
    ]);
  });

  it('revokes and replaces tokens', async () => {
    const sim = t.sim();
    await control('POST', '/tokens', {
      vendor: 'slack',
      action: 'replace',
      token: sim.tokens.slack,
      newToken: 'xoxb-sim-new',
    });
    expect(await caught(t.clients().slack.identify())).toMatchObject({ kind: 'auth', vendorCode: 'token_revoked' });
    const fresh = createSlackClient({ token: 'xoxb-sim-new', apiUrl: sim.urls.slack });
    expect((await fresh.identify()).user_id).toBe('U0BOTUSER');
    expect((await control('POST', '/tokens', { vendor: 'slack', action: 'revoke', token: 'nope' })).status).toBe(404);
  });

  it('reads back state, including messages people wrote through the control API', async () => {
    await control('POST', '/slack/messages', { channel: 'C0GENERAL1', user: 'U0CHEN001', text: 'I see it too' });
    await t.clients().slack.postMessage('C0GENERAL1', 'From Conn', { marker: '[conn:x]' });
    const state = (await control('GET', '/state')).body as {
      slack: { channels: { id: string; messages: { text: string; metadata?: unknown }[] }[] };
    };
    const general = state.slack.channels.find((c) => c.id === 'C0GENERAL1')!;
    expect(general.messages.map((m) => m.text)).toEqual(['I see it too', 'From Conn']);
    expect(general.messages[1]!.metadata).toEqual({ event_type: 'conn_outbox', event_payload: { marker: '[conn:x]' } });
    expect((await control('GET', '/nope')).status).toBe(404);
  });
});
