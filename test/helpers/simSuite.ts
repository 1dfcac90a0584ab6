// The set-up shared by the take-over, import and backfill tests: one simulator set for the test file, a fake clock set
// back to `start` before each test, and a fresh Conn for Alice ("a") each test, closed after it.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { startSimulators, type Simulators } from '../simulators';
import { fakeClock, type FakeClock } from './core';
import { simConn, type SimConn } from './handoffSim';
import { SIM_TICKET_URL } from './simCore';

export interface SimSuite {
  readonly sim: Simulators;
  readonly clock: FakeClock;
  /** Alice's Conn, new for each test. */
  readonly a: SimConn;
  /** Posts to the simulators' control API (messages from people, rate limits, faults). */
  control(path: string, body: unknown): Promise<{ ts?: string }>;
}

export function useSimSuite(start: number, opts: { fastSlack?: boolean } = {}): SimSuite {
  const clock = fakeClock(start);
  let sim: Simulators | undefined;
  let a: SimConn | undefined;
  const suite: SimSuite = {
    get sim() {
      if (!sim) throw new Error('the simulators start in beforeAll');
      return sim;
    },
    clock,
    get a() {
      if (!a) throw new Error("Alice's Conn is made in beforeEach");
      return a;
    },
    async control(path, body) {
      const r = await fetch(`${suite.sim.urls.control}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await r.json()) as { ts?: string };
    },
  };
  beforeAll(async () => {
    sim = await startSimulators({ now: () => clock.now() });
  });
  afterAll(async () => sim?.stop());
  beforeEach(async () => {
    clock.set(start);
    suite.sim.reset('realistic');
    suite.sim.clearRequests();
    // The fake clock does not move, so Slack's pacing would wait forever.
    if (opts.fastSlack) await suite.control('/rate-limits', { slack: { postsPerSecond: 1000, burst: 1000 } });
    a = await simConn(suite.sim, clock, 'alice');
  });
  afterEach(() => {
    suite.sim.clearFaults();
    a?.cleanup();
    a = undefined;
  });
  return suite;
}

/** An incident declared on `conn` whose PagerDuty incident and Slack channel Conn has created (queue drained). */
export async function declaredAtVendors(
  s: SimSuite,
  conn: SimConn,
  o: { title: string; pdTitle?: string; channel: string; commander?: string },
): Promise<{ inc: Incident; pdId: string; channelId: string }> {
  const inc = await conn.call('incidents.declare', {
    title: o.title,
    hub: 'ocean-data',
    ticketUrl: SIM_TICKET_URL,
    ...(o.commander ? { commander: o.commander } : {}),
  });
  conn.enqueue(inc.id, 'pagerduty.createIncident', {
    title: o.pdTitle ?? inc.title,
    details: `Freshdesk ticket: ${SIM_TICKET_URL}`,
    assigneeUserId: 'PALICE1',
  });
  conn.enqueue(inc.id, 'slack.createChannel', { name: o.channel });
  await conn.drain();
  const pd = s.sim.state.pagerduty.incidents.at(-1)!;
  const channel = s.sim.state.slack.channels.find((c) => c.name === o.channel)!;
  return { inc, pdId: pd.id, channelId: channel.id };
}
