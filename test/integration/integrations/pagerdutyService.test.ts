// The PagerDuty step opens the incident on the service its runbook names (by name or id, through GET /services,
// cached), with the runbook's priority where the account has priorities; a missing name fails with a clear reason.
import { describe, expect, it } from 'vitest';
import { useSimulators, type SimCore } from '../../helpers/simCore';

describe('PagerDuty service and priority from the runbook', () => {
  const suite = useSimulators();
  let t: SimCore | undefined;
  const pdIncidents = () => suite.sim.state.pagerduty.incidents;

  it('opens the incident on the named service with the named priority, not on the default service', async () => {
    t = suite.core();
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'pagerduty.createIncident', {
      title: 'Hub down',
      details: '',
      service: 'managed jupyterhubs',
      priority: 'P2',
    });
    await t.drain();
    expect(t.job(job).state).toBe('sent');
    expect(pdIncidents()).toHaveLength(1);
    expect(pdIncidents()[0]).toMatchObject({
      service: { id: 'PSVC004', summary: 'Managed JupyterHubs' },
      priority: { id: 'PPRIO02' },
    });
  });

  it('takes a service id as well, and reads the service and priority lists once for several incidents', async () => {
    t = suite.core();
    const a = t.incident();
    const b = t.incident();
    t.enqueue(a.id, 'pagerduty.createIncident', { title: 'A', details: '', service: 'PSVC002', priority: 'P1' });
    t.enqueue(b.id, 'pagerduty.createIncident', { title: 'B', details: '', service: 'Community Hubs', priority: 'P1' });
    await t.drain();
    expect(pdIncidents().map((i) => i.service.id)).toEqual(['PSVC002', 'PSVC002']);
    expect(suite.sim.requests({ vendor: 'pagerduty', method: 'GET', path: '/services' })).toHaveLength(1);
    expect(suite.sim.requests({ vendor: 'pagerduty', method: 'GET', path: '/priorities' })).toHaveLength(1);
  });

  const aServicePagerdutyDoes =
    'a service PagerDuty does not have fails the job with a reason naming it and the services it has; nothing is ' +
    'created';
  it(aServicePagerdutyDoes, async () => {
    t = suite.core();
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'pagerduty.createIncident', {
      title: 'Hub down',
      details: '',
      service: 'Unmanaged Hubs',
    });
    await t.drain();
    expect(t.job(job)).toMatchObject({
      state: 'dead',
      lastError: expect.stringMatching(/no service "Unmanaged Hubs".*Managed JupyterHubs/),
    });
    expect(pdIncidents()).toHaveLength(0);
  });

  it('where the account has no priorities, the incident opens without one', async () => {
    t = suite.core();
    suite.sim.state.pagerduty.priorities.length = 0;
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'pagerduty.createIncident', {
      title: 'Hub down',
      details: '',
      service: 'Managed JupyterHubs',
      priority: 'P1',
    });
    await t.drain();
    expect(t.job(job).state).toBe('sent');
    const [create] = suite.sim.requests({ vendor: 'pagerduty', method: 'POST', path: '/incidents' });
    expect((create!.body as { incident: Record<string, unknown> }).incident).not.toHaveProperty('priority');
  });

  it('an unknown priority name, where the account has priorities, fails with the names it has', async () => {
    t = suite.core();
    const inc = t.incident();
    const job = t.enqueue(inc.id, 'pagerduty.createIncident', {
      title: 'Hub down',
      details: '',
      service: 'Managed JupyterHubs',
      priority: 'SEV-0',
    });
    await t.drain();
    expect(t.job(job)).toMatchObject({
      state: 'dead',
      lastError: expect.stringMatching(/no priority "SEV-0".*P1, P2, P3/),
    });
  });
});
