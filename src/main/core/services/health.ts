// Hub health: while an incident is open, probe each affected hub's /hub/health every 30 s (at most 8 at a time,
// each with a timeout, one attempt per round, rounds never overlap); a failure is "down" only when a reference
// check passes. Timeline entries only on a change of state. Also the impact start/end proposed from that evidence.
import type { OpParsed } from '../../../shared/contract';
import type { Incident, TimelineEntry } from '../../../shared/domain';
import type { HealthSettings, HealthView, HubHealth, ImpactProposal } from '../../../shared/hubs';
import { AppError } from '../../../shared/result';
import { DEFAULT_RUNBOOK_ID } from '../../../shared/runbook';
import { hubsRepo } from '../db/repos/hubs';
import { incidentsRepo } from '../db/repos/incidents';
import { settingsRepo } from '../db/repos/settings';
import { timelineRepo } from '../db/repos/timeline';
import { proposeImpact } from '../health/impact';
import { boundedAll, judge, type ProbeOutcome, type ReferenceResult } from '../health/machine';
import { fetchProbe, healthUrl, isProbeableUrl, type Probe } from '../health/probe';
import { repeatEvery, type NetworkStatus, type Timer } from '../outbox/ports';
import type { Logger } from '../ports';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import type { ChecklistService } from './checklist';
import type { ScopeService } from './scope';

export interface HealthDeps extends ServiceDeps {
  scope: ScopeService;
  /** To mark "Verify the fix" (a step checked by `hubs_exit_criterion`) done when the exit criterion holds. */
  checklist?: Pick<ChecklistService, 'list' | 'confirmByCheck'>;
  network: NetworkStatus;
  timer: Timer;
  probe?: Probe;
  /** CONN_HUB_PROBE_URL: probe <base>/<domain>/hub/health instead of https://<domain>/hub/health. */
  probeBase?: string | null;
  intervalMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  logger?: Logger;
}

export const DEFAULT_PROBE_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_EXIT_WINDOW_MINUTES = 30;
const SETTINGS_KEY = 'health.settings';
const PROBED_STATUSES = new Set(['declared', 'active', 'mitigated']);
export const defaultHealthSettings: HealthSettings = {
  enabled: true,
  referenceUrl: 'https://www.google.com/generate_204',
  exitWindowMinutes: {},
};

export function healthService(deps: HealthDeps) {
  const { db, clock, ids, bus } = deps;
  const repo = hubsRepo(db);
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);
  const settingsStore = settingsRepo(db);
  const probe = deps.probe ?? fetchProbe;
  const intervalMs = deps.intervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ticketAt = db.prepare<[string], { at: number | null }>(
    "SELECT MIN(at) AS at FROM timeline_events WHERE incident_id = ? AND source = 'freshdesk'",
  );
  let inFlight: Promise<number> | null = null;

  const settings = (): HealthSettings => ({
    ...defaultHealthSettings,
    ...((settingsStore.get(SETTINGS_KEY) as Partial<HealthSettings>) ?? {}),
  });

  const view = (incidentId: string): HealthView => {
    const rows = new Map(repo.health(incidentId).map((r) => [r.hub_id, r]));
    const hubs: HubHealth[] = deps.scope.included(incidentId).map((h) => {
      const r = rows.get(h.hubId);
      return {
        hubId: h.hubId,
        name: h.name,
        domain: h.domain,
        community: h.community,
        state: r?.state ?? 'pending',
        since: r ? new Date(r.since).toISOString() : null,
        lastCheckedAt: r ? new Date(r.last_checked_at).toISOString() : null,
        detail: r?.detail ?? 'Not probed yet',
      };
    });
    const s = settings();
    return { incidentId, enabled: s.enabled, intervalMs, hubs };
  };

  const mustGet = (incidentId: string): Incident => {
    const i = incidents.get(incidentId);
    if (!i) throw new AppError('not_found', `No incident with id ${incidentId}`);
    return i;
  };

  async function referenceCheck(url: string): Promise<ReferenceResult> {
    if (!isProbeableUrl(url)) return 'failed';
    return (await probe(url, timeoutMs).catch(() => ({ ok: false, detail: '' }))).ok ? 'ok' : 'failed';
  }

  const recordTx = db.transaction(
    (
      incidentId: string,
      results: ReadonlyMap<string, ProbeOutcome>,
      reference: ReferenceResult,
      now: number,
    ): TimelineEntry[] => {
      const prev = new Map(repo.health(incidentId).map((r) => [r.hub_id, { state: r.state, since: r.since }]));
      const entries: TimelineEntry[] = [];
      for (const hub of deps.scope.included(incidentId)) {
        const outcome = results.get(hub.hubId);
        if (!outcome) continue;
        const before = prev.get(hub.hubId);
        const j = judge(before, outcome, reference, now);
        repo.putHealth(incidentId, hub.hubId, j.state, j.since, now, j.detail);
        if (!j.changed) continue;
        repo.addChange(incidentId, { hubId: hub.hubId, at: now, state: j.state, detail: j.detail });
        if (!before && j.state === 'up') continue; // the first look finding a hub up is no news
        const body = `Hub ${hub.hubId}${hub.community ? ` (${hub.community})` : ''} is ${j.state}${
          before ? ` (was ${before.state})` : ''
        }: ${j.detail}`;
        entries.push(
          timeline.append({
            id: ids.next(),
            incidentId,
            at: now,
            source: 'system',
            kind: 'hub_health',
            body,
            recordedAt: now,
          }),
        );
      }
      return entries;
    },
  );

  /** One probe round over the given incidents (default: every open one). Returns how many hubs were probed. */
  async function round(only?: string): Promise<number> {
    const s = settings();
    if (!s.enabled) return 0;
    const open = only ? [mustGet(only)] : incidents.list().filter((i) => PROBED_STATUSES.has(i.status));
    const perIncident = open
      .map((i) => ({ id: i.id, hubs: deps.scope.included(i.id) }))
      .filter((x) => x.hubs.length > 0);
    if (perIncident.length === 0) return 0;
    // Only hubs still in the registry are probed, at the domain the registry has now.
    const registry = new Map(repo.hubs().map((h) => [h.id, h.domain]));
    const domainOf = (hubId: string) => registry.get(hubId) ?? null;
    const urls = new Map<string, string | null>();
    for (const x of perIncident) {
      for (const h of x.hubs) {
        const domain = domainOf(h.hubId);
        if (domain) urls.set(domain, healthUrl(domain, deps.probeBase));
      }
    }
    const byDomain = new Map<string, ProbeOutcome>();
    let reference: ReferenceResult = 'skipped';
    if (!deps.network.isOnline()) reference = 'offline';
    else {
      const domains = [...urls.keys()];
      const outcomes = await boundedAll<string, ProbeOutcome>(
        domains,
        deps.concurrency ?? DEFAULT_CONCURRENCY,
        async (d) => {
          const url = urls.get(d);
          if (!url)
            return { ok: false, notProbed: true, detail: 'not probed: only https (or http on 127.0.0.1) is allowed' };
          return probe(url, timeoutMs).catch((err: unknown): ProbeOutcome => ({
            ok: false,
            detail: `probe failed: ${String(err)}`,
          }));
        },
      );
      domains.forEach((d, i) => byDomain.set(d, outcomes[i]!));
      if (outcomes.some((o) => !o.ok && !o.notProbed)) reference = await referenceCheck(s.referenceUrl);
    }
    const now = clock.now();
    for (const x of perIncident) {
      const gone: ProbeOutcome = { ok: false, notProbed: true, detail: 'no longer in the registry: not probed' };
      const results = new Map(x.hubs.map((h) => [h.hubId, byDomain.get(domainOf(h.hubId) ?? '') ?? gone]));
      const entries = recordTx.immediate(x.id, results, reference, now);
      for (const e of entries) bus.emit('timeline.appended', e);
      bus.emit('health.changed', view(x.id));
      verifyByCheck(x.id);
    }
    return urls.size;
  }

  /** The exit criterion holds (an impact end is proposed): open steps checked by it are done, by check. */
  function verifyByCheck(incidentId: string): void {
    if (!deps.checklist) return;
    const open = deps.checklist
      .list(incidentId)
      .filter(
        (st) => st.check?.type === 'hubs_exit_criterion' && ['todo', 'in_progress', 'blocked'].includes(st.state),
      );
    if (open.length === 0 || propose(incidentId).end === null) return;
    for (const st of open) {
      try {
        deps.checklist.confirmByCheck(incidentId, st.stepId, 'hubs_exit_criterion');
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'conflict')) throw err; // finished meanwhile
      }
    }
  }

  /** Rounds never overlap: a caller during a round shares it. */
  const runRound = (only?: string): Promise<number> => {
    if (inFlight) return inFlight;
    inFlight = round(only).finally(() => (inFlight = null));
    return inFlight;
  };

  const loop = repeatEvery(deps.timer, intervalMs, () =>
    runRound().catch((err: unknown) => deps.logger?.warn('hub probe round failed', { error: String(err) })),
  );

  const exitWindowMinutes = (runbookId: string) =>
    settings().exitWindowMinutes[runbookId] ?? DEFAULT_EXIT_WINDOW_MINUTES;

  const propose = (incidentId: string): ImpactProposal => {
    const incident = mustGet(incidentId);
    const included = deps.scope.included(incidentId).map((h) => h.hubId);
    const current = new Map(repo.health(incidentId).map((r) => [r.hub_id, { state: r.state, since: r.since }]));
    const tAt = ticketAt.get(incidentId)?.at ?? null;
    const minutes = exitWindowMinutes(incident.runbookId ?? DEFAULT_RUNBOOK_ID);
    const p = proposeImpact({
      changes: repo.changes(incidentId),
      current,
      includedHubIds: included,
      ticket: tAt === null ? null : { at: tAt, label: 'The ticket was opened' },
      now: clock.now(),
      exitWindowMs: minutes * 60_000,
    });
    const end = repo.impactEnd(incidentId);
    return {
      incidentId,
      ...p,
      exitWindowMinutes: minutes,
      accepted: { start: incident.impactStartAt, end: end === null ? null : new Date(end).toISOString() },
    };
  };

  const acceptTx = db.transaction((input: OpParsed<'impact.accept'>): TimelineEntry => {
    mustGet(input.incidentId);
    const p = propose(input.incidentId);
    const mark = input.which === 'start' ? p.start : p.end;
    const at = Date.parse(input.at);
    if (!mark || Date.parse(mark.at) !== at) {
      throw new AppError('conflict', `The proposed impact ${input.which} has changed; look again before accepting.`, {
        proposal: p,
      });
    }
    const now = clock.now();
    if (input.which === 'start') repo.setImpactStart(input.incidentId, at, now);
    else repo.setImpactEnd(input.incidentId, at, mark.evidence);
    return timeline.append({
      id: ids.next(),
      incidentId: input.incidentId,
      at: now,
      source: 'system',
      kind: input.which === 'start' ? 'impact_start' : 'impact_end',
      body: `Impact ${input.which} set to ${mark.at} from evidence: ${mark.evidence}`,
      actor: whoAmI(db)?.name ?? null,
      recordedAt: now,
    });
  });

  return {
    status: ({ incidentId }: { incidentId: string }): HealthView => {
      mustGet(incidentId);
      return view(incidentId);
    },
    async probeNow({ incidentId }: { incidentId: string }): Promise<HealthView> {
      mustGet(incidentId);
      if (inFlight) await inFlight.catch(() => 0);
      await runRound(incidentId);
      return view(incidentId);
    },
    settings,
    saveSettings(input: OpParsed<'health.saveSettings'>): HealthSettings {
      const s = settings();
      if (input.referenceUrl !== undefined && !isProbeableUrl(input.referenceUrl)) {
        throw new AppError('invalid_input', 'referenceUrl must be https (http only for 127.0.0.1)', {
          fields: [{ path: 'referenceUrl', message: 'https only' }],
        });
      }
      const next: HealthSettings = {
        enabled: input.enabled ?? s.enabled,
        referenceUrl: input.referenceUrl ?? s.referenceUrl,
        exitWindowMinutes: input.exitWindow
          ? { ...s.exitWindowMinutes, [input.exitWindow.runbookId]: input.exitWindow.minutes }
          : s.exitWindowMinutes,
      };
      settingsStore.set(SETTINGS_KEY, next);
      return next;
    },
    propose: ({ incidentId }: { incidentId: string }) => propose(incidentId),
    accept(input: OpParsed<'impact.accept'>): Incident {
      const entry = acceptTx.immediate(input);
      const updated = mustGet(input.incidentId);
      bus.emit('timeline.appended', entry);
      bus.emit('incidents.updated', updated);
      return updated;
    },
    /** One round now (tests; the shells after start-up). */
    round: () => runRound(),
    start: loop.start,
    stop: loop.stop,
  };
}
export type HealthService = ReturnType<typeof healthService>;
