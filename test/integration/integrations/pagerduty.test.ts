// PagerDuty client against the simulator: every call, pagination, From header, dedup and error classification.
import { describe, expect, it } from 'vitest';
import type { VendorError } from '../../../src/main/core/integrations';
import {
  createPagerDutyClient,
  incidentKeyFor,
  incidentDetails,
  pagerdutyMap,
} from '../../../src/main/core/integrations';
import { caught, useSim } from './setup';

const t = useSim();

describe('PagerDuty client', () => {
  it('identifies an account token through the From user, and a user token through /users/me', async () => {
    const id = await t.clients().pagerduty.identify();
    expect(id).toMatchObject({ tokenType: 'account', user: { id: 'PALICE1', email: 'alice@conn-sim.example' } });
    const sim = t.sim();
    const userClient = createPagerDutyClient({
      token: sim.tokens.pagerdutyUser,
      fromEmail: 'x@y.z',
      baseUrl: sim.urls.pagerduty,
    });
    expect(await userClient.identify()).toMatchObject({ tokenType: 'user', user: { id: 'PALICE1' } });
  });

  it('explains a From e-mail that is not a user', async () => {
    const sim = t.sim();
    const c = createPagerDutyClient({
      token: sim.tokens.pagerduty,
      fromEmail: 'nobody@else.example',
      baseUrl: sim.urls.pagerduty,
    });
    const e = (await caught(c.identify())) as VendorError;
    expect(e.kind).toBe('validation');
  });

  it('lists users and services across pages until more is false', async () => {
    const sim = t.sim();
    for (let i = 0; i < 230; i++)
      sim.state.pagerduty.users.push({ id: `PU${i}`, name: `User ${i}`, email: `u${i}@x.example`, role: 'user' });
    const users = await t.clients().pagerduty.listUsers();
    expect(users).toHaveLength(234);
    expect(new Set(users.map((u) => u.id)).size).toBe(234);
    const pages = sim.requests({ vendor: 'pagerduty', path: '/users' });
    expect(pages.map((r) => r.query.offset?.[0])).toEqual(['0', '100', '200']);
    expect((await t.clients().pagerduty.listServices()).map((s) => s.name)).toEqual([
      'Community Hubs',
      'Compute Platform',
      'Identity',
      'Managed JupyterHubs',
      'Misc alerts from Prometheus Alert Manager',
    ]);
  });

  const createsAcknowledgesReassignsNotes =
    'creates, acknowledges, reassigns, notes, updates and resolves an incident with the right headers and bodies';
  it(createsAcknowledgesReassignsNotes, async () => {
    const pd = t.clients().pagerduty;
    const key = incidentKeyFor('inc_123');
    const { incident, existing } = await pd.createIncident({
      serviceId: 'PSVC001',
      title: 'Users cannot start servers',
      details: incidentDetails('Spawns time out', 'https://conn-sim.freshdesk.com/a/tickets/4711'),
      incidentKey: key,
      assigneeUserId: 'PBOB001',
    });
    expect(existing).toBe(false);
    expect(incident).toMatchObject({ status: 'triggered', urgency: 'high', incident_key: key });
    const create = t.sim().requests({ vendor: 'pagerduty', method: 'POST', path: '/incidents' })[0]!;
    expect(create.headers.from).toBe('alice@conn-sim.example');
    expect(create.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(create.headers.authorization).toBe(`Token token=${t.sim().tokens.pagerduty}`);
    expect(create.body).toMatchObject({
      incident: {
        type: 'incident',
        urgency: 'high',
        incident_key: key,
        service: { id: 'PSVC001', type: 'service_reference' },
        assignments: [{ assignee: { id: 'PBOB001', type: 'user_reference' } }],
        body: { type: 'incident_body', details: expect.stringContaining('tickets/4711') },
      },
    });

    expect((await pd.acknowledge(incident.id)).status).toBe('acknowledged');
    expect((await pd.reassign(incident.id, 'PCHEN01')).assignments.map((a) => a.assignee.id)).toEqual(['PCHEN01']);
    const note = await pd.addNote(incident.id, 'Rolled back the image [conn:job1]');
    expect(note.content).toContain('[conn:job1]');
    expect(await pd.findNoteByMarker(incident.id, '[conn:job1]')).toMatchObject({ id: note.id });
    expect(await pd.findNoteByMarker(incident.id, '[conn:other]')).toBeNull();
    expect((await pd.statusUpdate(incident.id, 'Mitigated, monitoring')).message).toBe('Mitigated, monitoring');
    expect(t.sim().requests({ path: `/incidents/${incident.id}/status_updates` })[0]!.body).toEqual({
      message: 'Mitigated, monitoring',
    });
    const resolved = await pd.resolve(incident.id, 'Fixed the image');
    expect(resolved).toMatchObject({ status: 'resolved', assignments: [] });
    expect((await pd.getIncident(incident.id)).status).toBe('resolved');
    expect((await pd.listNotes(incident.id)).map(pagerdutyMap.noteToEntry)[0]).toMatchObject({
      source: 'pagerduty',
      kind: 'note',
      vendorRef: `note:${note.id}`,
    });
    const log = await pd.listLogEntries(incident.id);
    expect(log.map((l) => l.type)).toEqual([
      'trigger_log_entry',
      'assign_log_entry',
      'acknowledge_log_entry',
      'assign_log_entry',
      'annotate_log_entry',
      'resolve_log_entry',
    ]);
    expect(pagerdutyMap.logEntryToEntry(log[0]!)).toMatchObject({
      kind: 'log.trigger',
      at: expect.stringMatching(/Z$/),
    });
    for (const r of t.sim().requests({ vendor: 'pagerduty', method: 'PUT' }))
      expect(r.headers.from).toBe('alice@conn-sim.example');
  });

  it('turns a duplicate incident_key into the existing incident, and finds incidents by key', async () => {
    const pd = t.clients().pagerduty;
    const input = { serviceId: 'PSVC002', title: 'Hub down', details: 'x', incidentKey: incidentKeyFor('dup') };
    const first = await pd.createIncident(input);
    const second = await pd.createIncident(input);
    expect(second).toEqual({ incident: expect.objectContaining({ id: first.incident.id }), existing: true });
    expect(t.sim().state.pagerduty.incidents).toHaveLength(1);
    expect((await pd.findIncidentByKey(input.incidentKey))?.id).toBe(first.incident.id);
    expect(await pd.findIncidentByKey('conn-none')).toBeNull();
  });

  it('classifies a missing service as validation and an unknown incident as not_found', async () => {
    const pd = t.clients().pagerduty;
    expect(
      await caught(pd.createIncident({ serviceId: 'PNOPE', title: 'x', details: '', incidentKey: 'k' })),
    ).toMatchObject({ kind: 'validation', status: 400 });
    expect(await caught(pd.getIncident('QNOPE'))).toMatchObject({ kind: 'not_found', status: 404, vendorCode: '2100' });
  });

  it('classifies a read-only key writing as permission', async () => {
    const sim = t.sim();
    const c = createPagerDutyClient({
      token: sim.tokens.pagerdutyReadOnly,
      fromEmail: sim.fromEmail,
      baseUrl: sim.urls.pagerduty,
    });
    expect(
      await caught(c.createIncident({ serviceId: 'PSVC001', title: 'x', details: '', incidentKey: 'k' })),
    ).toMatchObject({ kind: 'permission', status: 403 });
  });

  it('reads the wait from ratelimit-reset on 429, and has none when the headers are missing', async () => {
    const sim = t.sim();
    sim.fault({ vendor: 'pagerduty', path: '/services', action: { type: 'rate_limit', waitSeconds: 7 } });
    expect(await caught(t.clients().pagerduty.listServices())).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterMs: 7000,
    });
    sim.fault({ vendor: 'pagerduty', path: '/services', action: { type: 'rate_limit', omitHeaders: true } });
    const e = (await caught(t.clients().pagerduty.listServices())) as VendorError;
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBeUndefined();
  });

  it('hits its own per-minute limit with ratelimit-* headers on every answer', async () => {
    const sim = t.sim();
    sim.state.pagerduty.rate.perMinute = 3;
    const pd = t.clients().pagerduty;
    await pd.listServices();
    expect(sim.requests({ vendor: 'pagerduty' })[0]!.status).toBe(200);
    await pd.listServices();
    await pd.listServices();
    expect(await caught(pd.listServices())).toMatchObject({ kind: 'rate_limited', retryAfterMs: expect.any(Number) });
  });
});
