// The full chaos run: 300 jobs across Slack, PagerDuty and Freshdesk with random 429s, 5xx, hangs, dropped
// connections, malformed answers and apply-then-drop, and a crash-and-reopen mid-drain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../simulators';
import { chaosRun } from '../helpers/chaos';
import { expectExactlyOnce } from '../integration/outbox/chaosAssert';

let sim: Simulators;
beforeAll(async () => {
  sim = await startSimulators();
});
afterAll(async () => {
  await sim.stop();
});

describe('chaos (slow)', () => {
  for (const seed of [1, 2]) {
    const t300JobsFaultsAnd =
      `300 jobs, faults and a crash mid-drain (seed ${seed}): ` + `each job exactly once or dead with a reason`;
    it(t300JobsFaultsAnd, async () => {
      sim.reset('realistic');
      const r = await chaosRun(sim, {
        incidents: 6,
        perIncident: 16,
        seed,
        faultsPerSecond: 30,
        maxFaults: 150,
        restartAt: 0.4,
        timeoutMs: 240_000,
      });
      expect(r.jobs).toBe(318); // 300, one report published and two issues per incident
      expectExactlyOnce(r);
      console.log(
        `chaos seed ${seed}: ${r.jobs} jobs, ${r.sent} sent, ${r.dead.length} dead, ${r.faults} faults, restarted, ` +
          `${r.ms} ms`,
      );
    });
  }
});
