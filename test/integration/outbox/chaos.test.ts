// Reliability of the outbox with the real executors: a chaos run with a crash mid-drain, offline then online,
// and a token revoked mid-incident. The 300-job run is in test/slow (npm run test:slow).
import { describe, expect, it } from 'vitest';
import { SIM_TICKET_ID } from '../../simulators';
import { chaosRun } from '../../helpers/chaos';
import { expectExactlyOnce } from './chaosAssert';
import { useSimulators, type SimCore } from '../../helpers/simCore';

const suite = useSimulators();
let t: SimCore | undefined;

describe('outbox reliability against the simulators', () => {
  const aSmallerChaosRun =
    'a smaller chaos run (≈66 jobs, GitHub issues among them, random faults, a crash mid-drain) ' +
    'delivers each job exactly once or dead with a reason';
  it(
    aSmallerChaosRun,
    async () => {
      const r = await chaosRun(suite.sim, {
        incidents: 3,
        perIncident: 6,
        seed: 7,
        faultsPerSecond: 15,
        maxFaults: 30,
        restartAt: 0.35,
        timeoutMs: 50_000,
      });
      expect(r.jobs).toBe(69); // 3 × (channel, PD incident, 6 × 3 follow-ups, the report published, 2 issues)
      expectExactlyOnce(r);
      expect(r.faults).toBeGreaterThan(10);
    },
    60_000,
  );

  const offlineThenOnlineEverything =
    'offline then online: everything queued while offline is delivered, in order, when the network returns';
  it(offlineThenOnlineEverything, async () => {
    t = suite.core();
    const inc = t.incident();
    t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
    await t.drain();
    suite.sim.state.slack.rate.burst = 100;
    t.network.set(false);
    const posts = [1, 2, 3, 4, 5].map((i) => t!.enqueue(inc.id, 'slack.postMessage', { text: `offline ${i}` }));
    const replies = [1, 2, 3].map((i) => t!.enqueue(inc.id, 'freshdesk.reply', { body: `offline reply ${i}` }));
    expect(await t.core.dispatcher.runOnce()).toBe(0);
    expect(
      t.core.services.outbox.list({ states: ['queued'] }).every((j) => j.reason === 'Waiting for the network.'),
    ).toBe(true);
    expect(
      suite.sim.requests({ method: 'POST' }).filter((r) => r.path.includes('postMessage') || r.path.includes('reply')),
    ).toHaveLength(0);
    t.network.set(true);
    await t.drain();
    const channel = suite.sim.state.slack.channels.find((c) => c.name.startsWith('inc-') && !c.is_archived)!;
    expect(channel.messages.map((m) => m.text)).toEqual([1, 2, 3, 4, 5].map((i) => `offline ${i}`));
    const fd = suite.sim.state.freshdesk.conversations.filter((c) => c.ticket_id === SIM_TICKET_ID && !c.incoming);
    expect(fd.map((c) => c.body_text.replace(/\s+$/, ''))).toEqual([1, 2, 3].map((i) => `offline reply ${i}`));
    expect([...posts, ...replies].map((id) => t!.job(id).state)).toEqual(Array(8).fill('sent'));
  });

  const aTokenRevokedMid =
    'a token revoked mid-incident stops its jobs with a reconnect state; they resume once the token is replaced';
  it(aTokenRevokedMid, async () => {
    t = suite.core();
    const inc = t.incident();
    t.enqueue(inc.id, 'slack.createChannel', { name: 'x' });
    await t.drain();
    suite.sim.state.slack.rate.burst = 100;
    suite.sim.setToken('slack', suite.sim.tokens.slack, true);
    const posts = [1, 2, 3].map((i) => t!.enqueue(inc.id, 'slack.postMessage', { text: `after revoke ${i}` }));
    const pd = t.enqueue(inc.id, 'pagerduty.createIncident', { title: 'still works' });
    for (let i = 0; i < 5; i++) await t.core.dispatcher.runOnce();
    const status = t.core.services.outbox.status();
    expect(status.vendors.find((v) => v.vendor === 'slack')).toMatchObject({
      state: 'reconnect',
      reason: expect.stringMatching(/token was refused/),
    });
    expect(t.job(posts[0]!).state).toBe('queued');
    expect(t.core.services.outbox.list({}).find((j) => j.id === posts[1])!.reason).toMatch(/token was refused/);
    expect(t.job(pd).state).toBe('sent'); // other vendors carry on
    expect(t.core.services.integrations.get().vendors.find((v) => v.vendor === 'slack')!.connection).toBe('reconnect');

    // The admin makes a new token; the user saves it in Connections.
    const newToken = 'xoxb-sim-0003-replaced-token';
    const res = await fetch(`${suite.sim.urls.control}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vendor: 'slack', action: 'replace', token: suite.sim.tokens.slack, newToken }),
    });
    expect(res.ok).toBe(true);
    t.core.services.integrations.save({
      vendor: 'slack',
      config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: [] },
      token: newToken,
    });
    await t.drain();
    const channel = suite.sim.state.slack.channels.find((c) => c.name.startsWith('inc-') && !c.is_archived)!;
    expect(channel.messages.map((m) => m.text)).toEqual([1, 2, 3].map((i) => `after revoke ${i}`));
    expect(t.core.services.outbox.status().vendors.find((v) => v.vendor === 'slack')!.state).toBe('ok');
  });
});
