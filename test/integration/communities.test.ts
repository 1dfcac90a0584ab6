// Every affected community told, each exactly once: against the Freshdesk simulator through the real executors. The
// community whose hub the incident is about hears it on the incident's ticket; every other one gets one new outbound
// ticket, then replies there. A lost answer is reconciled without a duplicate ticket; progress counts what Freshdesk
// accepted; the update reminder runs on the stalest community.
import { describe, expect, it } from 'vitest';
import { SIM_TICKET_ID } from '../simulators';
import { DEFAULT_REGISTRY_DIR } from '../simulators/hubs';
import { SIM_TICKET_URL, useSimulators, type SimCore } from '../helpers/simCore';
import { call } from '../helpers/call';

const sims = useSimulators();

const EMAILS: Record<string, string> = {
  'seaweed/ocean-data': 'help@ocean-data.example.org',
  'seaweed/kelp-lab': 'it@kelp-lab.example.edu',
  'seaweed/tidepool': 'support@tidepool.example.edu',
};

async function seaweedIncident(c: SimCore, opts: { withEmails?: string[] } = {}) {
  await call(c.core, 'registry.import', { folder: DEFAULT_REGISTRY_DIR });
  for (const [hubId, email] of Object.entries(EMAILS))
    if (!opts.withEmails || opts.withEmails.includes(hubId))
      await call(c.core, 'registry.updateHub', { hubId, requesterEmail: email });
  const inc = await call(c.core, 'incidents.declare', {
    title: 'Seaweed cluster: servers do not start',
    hub: 'ocean-data',
    ticketUrl: SIM_TICKET_URL,
    scope: { kind: 'cluster', value: 'seaweed' },
  });
  return inc.id;
}

/** Runs the dispatcher until every Freshdesk job is sent or dead (this incident has no Slack channel or PagerDuty
 * incident, so those jobs wait), and answers the jobs. */
async function drain(c: SimCore) {
  const until = Date.now() + 15_000;
  for (;;) {
    await c.core.dispatcher.runOnce();
    const all = c.core.services.outbox.list({});
    if (all.filter((j) => j.vendor === 'freshdesk').every((j) => ['sent', 'dead', 'discarded'].includes(j.state)))
      return all;
    if (Date.now() > until) throw new Error(`Freshdesk jobs did not settle: ${all.map((j) => `${j.kind} ${j.state}`)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const fd = () => sims.sim.state.freshdesk;
const emailOf = (requesterId: number) => fd().contacts.find((x) => x.id === requesterId)?.email;
/** Tickets the simulator holds per requester e-mail, other than the seeded one. */
const createdTickets = () => fd().tickets.filter((t) => t.id !== SIM_TICKET_ID);
const repliesOn = (ticketId: number, text: string) =>
  fd().conversations.filter((c) => c.ticket_id === ticketId && c.body_text.includes(text));

describe('telling every affected community', () => {
  it('replies on the incident ticket once and opens one ticket per other community, then replies there', async () => {
    const c = sims.core();
    const incidentId = await seaweedIncident(c);
    await call(c.core, 'updates.send', { incidentId, text: 'We are looking into servers not starting.' });
    await drain(c);

    expect(repliesOn(SIM_TICKET_ID, 'servers not starting')).toHaveLength(1);
    const made = createdTickets();
    expect(made.map((t) => emailOf(t.requester_id)).sort()).toEqual([
      'it@kelp-lab.example.edu',
      'support@tidepool.example.edu',
    ]);
    expect(made.every((t) => t.description.includes('servers not starting'))).toBe(true);

    await call(c.core, 'updates.send', { incidentId, text: 'A fix is rolling out.' });
    await drain(c);
    expect(createdTickets()).toHaveLength(2); // no new tickets: the update is a reply on each
    expect(repliesOn(SIM_TICKET_ID, 'fix is rolling out')).toHaveLength(1);
    for (const t of made) expect(repliesOn(t.id, 'fix is rolling out')).toHaveLength(1);

    const scope = await call(c.core, 'incidents.scope', { incidentId });
    expect(scope.told.progress).toMatchObject({ told: 3, total: 3, pending: 0, failed: 0 });
    const byName = Object.fromEntries(scope.told.communities.map((x) => [x.community, x]));
    expect(byName['Ocean Data Collective']).toMatchObject({ via: 'incident_ticket', ticketId: SIM_TICKET_ID });
    expect(byName['Kelp Lab, Coastal University']).toMatchObject({ via: 'own_ticket' });
    expect(made.map((t) => t.id)).toContain(byName['Kelp Lab, Coastal University']!.ticketId);
    expect(scope.told.communities.every((x) => x.lastToldAt !== null)).toBe(true);
  });

  it('reconciles a ticket whose answer was lost instead of creating it again', async () => {
    const c = sims.core();
    const incidentId = await seaweedIncident(c);
    // Freshdesk creates both tickets, and both answers are lost on the way back.
    sims.sim.fault({
      vendor: 'freshdesk',
      method: 'POST',
      path: '/api/v2/tickets',
      count: 2,
      action: { type: 'apply_then_drop' },
    });
    await call(c.core, 'updates.send', { incidentId, text: 'Servers do not start; we are on it.' });
    const jobs = await drain(c);

    const creates = sims.sim
      .requests({ vendor: 'freshdesk', method: 'POST' })
      .filter((r) => r.path.endsWith('/tickets'));
    expect(creates.filter((r) => r.fault === 'apply_then_drop')).toHaveLength(2);
    expect(creates).toHaveLength(2); // never sent again: found by the marker among the requester's tickets
    expect(createdTickets()).toHaveLength(2);
    const made = jobs.filter((j) => j.kind === 'freshdesk.createTicket');
    expect(made.map((j) => j.state)).toEqual(['sent', 'sent']);
    expect(made.map((j) => (j.result as { ticketId: number }).ticketId).sort()).toEqual(
      createdTickets()
        .map((t) => t.id)
        .sort(),
    );

    // The next message is a reply on the reconciled tickets, not another ticket.
    await call(c.core, 'updates.send', { incidentId, text: 'Fixed, watching.' });
    await drain(c);
    expect(createdTickets()).toHaveLength(2);
    for (const t of createdTickets()) expect(repliesOn(t.id, 'Fixed, watching')).toHaveLength(1);
  });

  it('counts progress as Freshdesk accepts, and leaves out a community with no contact', async () => {
    const c = sims.core();
    const incidentId = await seaweedIncident(c, { withEmails: ['seaweed/kelp-lab'] });
    await call(c.core, 'updates.send', { incidentId, text: 'First word.' });
    let told = (await call(c.core, 'incidents.scope', { incidentId })).told;
    // Queued, nothing accepted yet: the incident's ticket (Ocean Data) and a new ticket for Kelp Lab.
    expect(told.progress).toMatchObject({ told: 0, total: 2, pending: 2 });
    expect(told.communities.find((x) => x.community === 'Tidepool Community College')).toMatchObject({
      via: 'no_contact',
      lastToldAt: null,
    });
    await drain(c);
    told = (await call(c.core, 'incidents.scope', { incidentId })).told;
    expect(told.progress).toMatchObject({ told: 2, total: 2, pending: 0 });
    expect(createdTickets().map((t) => emailOf(t.requester_id))).toEqual(['it@kelp-lab.example.edu']);
  });

  it('runs the update reminder on the stalest community', async () => {
    const c = sims.core();
    const incidentId = await seaweedIncident(c, { withEmails: ['seaweed/kelp-lab'] });
    await new Promise((r) => setTimeout(r, 20)); // the update is sent strictly after the hubs joined
    await call(c.core, 'updates.send', { incidentId, text: 'First word.' });
    await drain(c);
    const before = (await call(c.core, 'reminders.list', {})).items.find((i) => i.incidentId === incidentId)!;
    const told = (await call(c.core, 'incidents.scope', { incidentId })).told;
    expect(told.stalest).not.toBeNull();

    // Tidepool gets a contact later: never told, it is now the stalest, and the reminder runs on it (it is due a
    // cadence after the hub joined the incident, earlier than a cadence after the update just sent).
    await call(c.core, 'registry.updateHub', {
      hubId: 'seaweed/tidepool',
      requesterEmail: EMAILS['seaweed/tidepool']!,
    });
    const after = (await call(c.core, 'reminders.list', {})).items.find((i) => i.incidentId === incidentId)!;
    const stalest = (await call(c.core, 'incidents.scope', { incidentId })).told.stalest;
    expect(stalest).toEqual({ community: 'Tidepool Community College', lastToldAt: null });
    expect(Date.parse(after.dueAt!)).toBeLessThan(Date.parse(before.dueAt!));
  });
});
