// An incident's blast radius: the scope picked (a hub, a cluster, a provider/region), the affected hubs it brings in
// from the registry, and the commander's additions and removals. Every change is a timeline entry.
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import type { AffectedHub, IncidentScope, RegistryHub, ScopeKind } from '../../../shared/hubs';
import { AppError } from '../../../shared/result';
import { hubsRepo } from '../db/repos/hubs';
import { incidentsRepo } from '../db/repos/incidents';
import { timelineRepo } from '../db/repos/timeline';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import { communities } from './communities';

/** The registry hubs a scope covers. A region is '<provider>/<region>'. */
export function hubsInScope(hubs: readonly RegistryHub[], kind: ScopeKind, value: string): RegistryHub[] {
  if (kind === 'hub') return hubs.filter((h) => h.id === value);
  if (kind === 'cluster') return hubs.filter((h) => h.cluster === value);
  const [provider, region] = value.split('/', 2);
  return hubs.filter((h) => h.provider === provider && (region === undefined || region === '' || h.region === region));
}

const communitiesOf = (hubs: readonly AffectedHub[]) =>
  [...new Set(hubs.filter((h) => !h.excluded && h.community).map((h) => h.community!))].sort();

const scopeWords = (kind: ScopeKind, value: string) =>
  kind === 'hub' ? `hub ${value}` : kind === 'cluster' ? `cluster ${value}` : `provider/region ${value}`;

export function scopeService({ db, clock, ids, bus }: ServiceDeps) {
  const repo = hubsRepo(db);
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);
  const fan = communities(db);

  const view = (incidentId: string): IncidentScope => {
    const s = repo.scope(incidentId);
    const hubs = repo.affected(incidentId);
    return {
      incidentId,
      scope: s ? { kind: s.kind, value: s.value, setAt: new Date(s.set_at).toISOString() } : null,
      hubs,
      communities: communitiesOf(hubs),
      told: fan.told(incidentId),
    };
  };
  const mustExist = (incidentId: string) => {
    if (!incidents.get(incidentId)) throw new AppError('not_found', `No incident with id ${incidentId}`);
  };
  const entry = (incidentId: string, at: number, body: string) =>
    timeline.append({
      id: ids.next(),
      incidentId,
      at,
      source: 'system',
      kind: 'scope_changed',
      body,
      actor: whoAmI(db)?.name ?? null,
      recordedAt: at,
    });

  const matching = (kind: ScopeKind, value: string, path = 'value') => {
    const matched = hubsInScope(repo.hubs(), kind, value);
    if (matched.length === 0) {
      throw new AppError(
        'invalid_input',
        `No hub in the registry matches ${scopeWords(kind, value)}. Import or edit the registry first.`,
        {
          fields: [{ path, message: 'matches no hub' }],
        },
      );
    }
    return matched;
  };

  const setScopeTx = db.transaction((input: OpParsed<'incidents.setScope'>): TimelineEntry => {
    mustExist(input.incidentId);
    const matched = matching(input.kind, input.value);
    const at = clock.now();
    repo.dropScopeHubs(input.incidentId);
    repo.setScope(input.incidentId, input.kind, input.value, at);
    const kept = new Set(repo.affected(input.incidentId).map((h) => h.hubId));
    for (const h of matched) if (!kept.has(h.id)) repo.addAffected(input.incidentId, h, 'scope', at);
    const v = view(input.incidentId);
    const included = v.hubs.filter((h) => !h.excluded);
    return entry(
      input.incidentId,
      at,
      `Scope: ${scopeWords(input.kind, input.value)} — ${included.length} hub${included.length === 1 ? '' : 's'}, ` +
        `${v.communities.length} communit${v.communities.length === 1 ? 'y' : 'ies'} affected`,
    );
  });

  const includeTx = db.transaction((input: OpParsed<'incidents.setHubIncluded'>): TimelineEntry | null => {
    mustExist(input.incidentId);
    const at = clock.now();
    const current = repo.affected(input.incidentId).find((h) => h.hubId === input.hubId);
    if (input.included) {
      if (current && !current.excluded) return null;
      if (current) repo.setExcluded(input.incidentId, input.hubId, false);
      else {
        const hub = repo.hub(input.hubId);
        if (!hub) throw new AppError('not_found', `No hub ${input.hubId} in the registry`);
        repo.addAffected(input.incidentId, hub, 'manual', at);
      }
    } else {
      if (!current || current.excluded) return null;
      repo.setExcluded(input.incidentId, input.hubId, true);
    }
    const hub = current ?? repo.affected(input.incidentId).find((h) => h.hubId === input.hubId)!;
    const who = hub.community ? ` (${hub.community})` : '';
    return entry(input.incidentId, at, `${input.included ? 'Added' : 'Removed'} affected hub ${hub.hubId}${who}`);
  });

  const publish = (incidentId: string, e: TimelineEntry | null): IncidentScope => {
    const v = view(incidentId);
    if (e) {
      bus.emit('timeline.appended', e);
      bus.emit('scope.changed', v);
    }
    return v;
  };

  return {
    get: ({ incidentId }: { incidentId: string }): IncidentScope => {
      mustExist(incidentId);
      return view(incidentId);
    },
    setScope: (input: OpParsed<'incidents.setScope'>) => publish(input.incidentId, setScopeTx.immediate(input)),
    /** Declares with the scope picked in the same step: a scope matching no hub is refused before anything is written.
     * */
    declareScoped<I extends { scope?: { kind: ScopeKind; value: string } }, R extends { id: string }>(
      input: I,
      declare: (input: I) => R,
    ): R {
      if (input.scope) matching(input.scope.kind, input.scope.value, 'scope.value');
      const created = declare(input);
      if (input.scope) publish(created.id, setScopeTx.immediate({ incidentId: created.id, ...input.scope }));
      return created;
    },
    setIncluded: (input: OpParsed<'incidents.setHubIncluded'>) => publish(input.incidentId, includeTx.immediate(input)),
    /** Whether the registry on this machine has a hub with this id. */
    knownHub: (hubId: string): boolean => repo.hub(hubId) !== null,
    /** The hubs to probe: included, as recorded on the incident. */
    included: (incidentId: string): AffectedHub[] => repo.affected(incidentId).filter((h) => !h.excluded),
  };
}
export type ScopeService = ReturnType<typeof scopeService>;
