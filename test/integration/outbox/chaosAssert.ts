// The chaos runs' verdict: every job sent exactly once (counted at the simulators by marker) or dead with a reason.
import { expect } from 'vitest';
import type { ChaosReport } from '../../helpers/chaos';

/** Every job is sent exactly once or dead with a reason (and then never applied). */
export function expectExactlyOnce(r: ChaosReport): void {
  expect(r.restarted).toBe(true);
  for (const j of r.final) {
    if (j.kind === 'slack.createChannel' || j.kind === 'pagerduty.createIncident') continue;
    const n = r.counts.get(j.id) ?? 0;
    if (j.state === 'sent') expect(n, `${j.kind} ${j.id} sent`).toBe(1);
    else {
      expect(j.state, `${j.kind} ${j.id}`).toBe('dead');
      expect(j.lastError, `${j.kind} ${j.id} reason`).toBeTruthy();
      expect(n, `${j.kind} ${j.id} dead but applied`).toBe(0);
    }
  }
  expect(r.channelsPerIncident.every((n) => n === 1)).toBe(true);
  expect(r.pdIncidents).toBe(r.channelsPerIncident.length);
  // One publish per incident: one pull request from its branch, whatever was lost or retried.
  const published = r.final.filter((j) => j.kind === 'github.publishReport' && j.state === 'sent').length;
  expect(r.pullsPerBranch.filter((n) => n === 1)).toHaveLength(published);
  expect(r.pullsPerBranch.every((n) => n <= 1)).toBe(true);
}
