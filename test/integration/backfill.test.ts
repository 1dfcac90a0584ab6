// Reports for past incidents through the simulators: a PagerDuty incident from weeks ago (channel and ticket named
// in its notes, a thread reply in Slack) shows as report debt, is built with its whole record by backfill.start,
// appears in the register, and leaves the debt once its report is Closed.
import { afterEach, describe, expect, it } from 'vitest';
import type { PdNoteRec } from '../simulators/pagerduty';
import { simConn, type SimConn } from '../helpers/handoffSim';
import { SIM_TICKET_URL as TICKET } from '../helpers/simCore';
import { declaredAtVendors, useSimSuite } from '../helpers/simSuite';
import { SIM_TICKET_ID } from '../simulators';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const PAST = Date.UTC(2026, 10, 2, 9, 0, 0);
const s = useSimSuite(PAST, { fastSlack: true });
let b: SimConn | undefined;
afterEach(() => b?.cleanup());

/** A past incident worked without Conn's report: PD incident, channel with a thread, a note naming both, resolved. */
async function pastIncident() {
  const { pdId, channelId } = await declaredAtVendors(s, s.a, {
    title: 'Hub pods evicted',
    pdTitle: 'Hub pods evicted on ocean-data',
    channel: 'inc-20261102-ocean-data',
  });
  const pd = s.sim.state.pagerduty.incidents.find((p) => p.id === pdId)!;
  s.clock.advance(10 * MIN);
  const parent = await s.control('/slack/messages', {
    channel: channelId,
    user: 'U0CHEN001',
    text: 'Nodes are under memory pressure',
  });
  await s.control('/slack/messages', {
    channel: channelId,
    user: 'U0BOB0001',
    text: 'Evictions stopped after the resize',
    thread_ts: parent.ts,
  });
  const at = new Date(s.clock.now()).toISOString();
  const note: PdNoteRec = {
    id: 'PNOTE9',
    user: pd.assignments[0]!.assignee,
    channel: { summary: 'The PagerDuty website' },
    content: `Working in #inc-20261102-ocean-data, ticket ${TICKET}`,
    created_at: at,
    updated_at: at,
  };
  s.sim.state.pagerduty.notes.set(pd.id, [...(s.sim.state.pagerduty.notes.get(pd.id) ?? []), note]);
  Object.assign(pd, { status: 'resolved', resolved_at: new Date(s.clock.now() + 30 * MIN).toISOString() });
  return { pdId: pd.id, pdUrl: `https://conn-sim.pagerduty.com/incidents/${pd.id}` };
}

describe('reports for past incidents', () => {
  const listsTheDebtBuilds =
    'lists the debt, builds the incident with its whole record, registers it, and clears the debt once Closed';
  it(listsTheDebtBuilds, async () => {
    const { pdId, pdUrl } = await pastIncident();
    s.clock.advance(20 * DAY);
    b = await simConn(s.sim, s.clock, 'bob');

    let debt = await b.call('backfill.debt', {});
    expect(debt.map((d) => [d.pagerdutyId, d.incidentId, d.reportStatus, d.urgency])).toEqual([
      [pdId, null, null, 'high'],
    ]);
    // No priority on it: only urgency counts by default.
    expect(await b.call('backfill.debt', { priority: 'P1' })).toEqual([]);

    const built = await b.call('backfill.start', { pagerdutyIncident: pdUrl });
    expect(built.slackChannel?.name).toBe('inc-20261102-ocean-data');
    expect(built.ticket?.id).toBe(SIM_TICKET_ID);
    expect(built.incident.status).toBe('resolved');
    const tl = await b.call('timeline.list', { incidentId: built.incident.id, limit: 300 });
    const bodies = tl.items.map((e) => `${e.source}|${e.kind}|${e.body}`);
    expect(bodies).toContain('slack|message|Nodes are under memory pressure');
    expect(bodies).toContain('slack|reply|Evictions stopped after the resize');
    expect(bodies.some((x) => x.startsWith('pagerduty|log.trigger|'))).toBe(true);

    debt = await b.call('backfill.debt', {});
    // Built, no report yet.
    expect(debt.map((d) => [d.incidentId, d.reportStatus])).toEqual([[built.incident.id, null]]);
    await b.call('report.get', { incidentId: built.incident.id });
    debt = await b.call('backfill.debt', {});
    expect(debt.map((d) => d.reportStatus)).toEqual(['draft']);

    const reg = await b.call('register.list', {});
    const row = reg.rows.find((r) => r.incidentId === built.incident.id)!;
    expect(row.impactStart).toBe(new Date(PAST).toISOString());
    expect(row.timeToResolveMs).not.toBeNull();

    // Again: the same incident, nothing doubled.
    const again = await b.call('backfill.start', { pagerdutyIncident: pdId });
    expect([again.existing, again.incident.id, again.imported.added]).toEqual([true, built.incident.id, 0]);

    await b.call('report.setStatus', {
      incidentId: built.incident.id,
      status: 'reviewed',
      override: { reason: 'Backfilled from the record' },
    });
    await b.call('report.setStatus', { incidentId: built.incident.id, status: 'closed' });
    expect(await b.call('backfill.debt', {})).toEqual([]);
  });

  it('says what to do when PagerDuty is not connected', async () => {
    b = await simConn(s.sim, s.clock, 'bob', { connect: false });
    await expect(b.call('backfill.debt', {})).rejects.toThrow(/precondition_failed Connect PagerDuty first/);
  });
});
