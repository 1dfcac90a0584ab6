// Checks: confirm checklist steps from vendor state, on demand (`checks.run`) and by a polite poll (once a
// minute per open incident, only while it has open checked steps and their vendor is connected and reachable).
import type { ChecksRun, CheckResult } from '../../../shared/ops/checks';
import type { OpParsed } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import type { CheckSet } from '../checks/types';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { linksFrom } from '../outbox/links';
import { repeatEvery, type NetworkStatus, type Timer } from '../outbox/ports';
import type { CredentialSource } from '../secrets/credentials';
import type { ChecklistService } from './checklist';
import type { ServiceDeps } from '../ports';
import type { IntegrationsService } from './integrations';

export type { CheckSet };

export interface ChecksServiceDeps extends ServiceDeps {
  checklist: ChecklistService;
  integrations: Pick<IntegrationsService, 'credentials' | 'isConfigured'>;
  /** Builds the checks from live credentials (the vendor clients); none in builds without integrations. */
  checks: (credentials: CredentialSource) => CheckSet;
  network: NetworkStatus;
  timer: Timer;
  /** Poll interval; default 60 s. */
  intervalMs?: number;
}

const PENDING = new Set(['todo', 'in_progress', 'blocked']);
export const DEFAULT_CHECK_INTERVAL_MS = 60_000;

export function checksService(deps: ChecksServiceDeps) {
  const { db, clock, bus, checklist, integrations } = deps;
  const incidents = incidentsRepo(db);
  const outbox = outboxDispatchRepo(db);
  const running = new Map<string, Promise<ChecksRun>>();

  /** Open steps with a check, for an incident; empty when there is nothing to ask. */
  const pendingChecks = (incidentId: string) =>
    checklist.list(incidentId).filter((s) => s.check && PENDING.has(s.state));

  async function runChecks(incidentId: string): Promise<ChecksRun> {
    const incident = incidents.get(incidentId);
    if (!incident) throw new AppError('not_found', `No incident with id ${incidentId}`);
    const links = linksFrom(incident, outbox.sentResults(incidentId));
    const set = deps.checks(integrations.credentials);
    const results: CheckResult[] = [];
    for (const step of pendingChecks(incidentId)) {
      const type = step.check!.type;
      const check = set[type];
      const base = { stepId: step.stepId, title: step.title, check: type, url: null, confirmedNow: false };
      if (type === 'hubs_exit_criterion') {
        // Conn's own evidence, not a vendor's: the hub probes mark the step done when the criterion holds.
        results.push({
          ...base,
          status: 'not_yet',
          detail: 'Done by the hub probes when every affected hub has passed for the exit window.',
        });
        continue;
      }
      if (!check) {
        results.push({ ...base, status: 'unknown', detail: 'This build cannot check that.' });
        continue;
      }
      if (!integrations.isConfigured(check.vendor)) {
        results.push({ ...base, status: 'unknown', detail: `Connect ${check.vendor} to check this automatically.` });
        continue;
      }
      if (!deps.network.isOnline()) {
        results.push({ ...base, status: 'unknown', detail: 'Offline: checked again when the network is back.' });
        continue;
      }
      const outcome = await check.run(incident, links);
      if (outcome.status !== 'confirmed') {
        results.push({ ...base, status: outcome.status, detail: outcome.detail });
        continue;
      }
      let confirmedNow = false;
      try {
        confirmedNow = checklist.confirmByCheck(incidentId, step.stepId, type).state === 'done';
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'conflict')) throw err; // someone finished it meanwhile
      }
      results.push({ ...base, status: 'confirmed', detail: outcome.evidence, url: outcome.url ?? null, confirmedNow });
    }
    const run: ChecksRun = { incidentId, at: new Date(clock.now()).toISOString(), results };
    bus.emit('checks.completed', run);
    return run;
  }

  /** One run per incident at a time: a second caller shares the run in flight. */
  const run = (incidentId: string): Promise<ChecksRun> => {
    const inFlight = running.get(incidentId);
    if (inFlight) return inFlight;
    const p = runChecks(incidentId).finally(() => running.delete(incidentId));
    running.set(incidentId, p);
    return p;
  };

  /** Incidents worth asking about now: not closed, with an open checked step whose vendor is connected. */
  const due = (): string[] => {
    if (!deps.network.isOnline()) return [];
    const set = deps.checks(integrations.credentials);
    return incidents
      .list()
      .filter((i) => i.status !== 'closed')
      .filter((i) =>
        pendingChecks(i.id).some((s) => {
          const c = set[s.check!.type];
          return c !== undefined && integrations.isConfigured(c.vendor);
        }),
      )
      .map((i) => i.id);
  };

  async function poll(): Promise<number> {
    const ids = due();
    for (const id of ids) {
      try {
        await run(id);
      } catch {
        // a failed poll is retried at the next interval; on-demand runs report their own errors
      }
    }
    return ids.length;
  }

  const loop = repeatEvery(deps.timer, deps.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS, poll);

  return {
    run: ({ incidentId }: OpParsed<'checks.run'>) => run(incidentId),
    /** One polling round now (tests, and the shells right after start-up). */
    poll,
    start: loop.start,
    stop: loop.stop,
  };
}
export type ChecksService = ReturnType<typeof checksService>;
