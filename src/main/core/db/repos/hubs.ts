// SQL for the hub registry, incidents' affected hubs and the hubs' probed health (migration 0013).
import type Database from 'better-sqlite3';
import type { AffectedHub, HubState, RegistryCluster, RegistryHub, ScopeKind } from '../../../../shared/hubs';
import type { ParsedCluster } from '../../registry/parse';
import { perDb } from '../perDb';

interface HubRow {
  id: string;
  cluster: string;
  name: string;
  display_name: string;
  domain: string;
  helm_chart: string | null;
  community: string | null;
  freshdesk_company: string | null;
  requester_email: string | null;
  updated_at: number;
  provider: string;
  region: string | null;
}
interface ClusterRow {
  name: string;
  provider: string;
  region: string | null;
  provider_config: string;
  source_file: string | null;
  imported_at: number;
}
interface AffectedRow {
  hub_id: string;
  name: string;
  cluster: string;
  domain: string;
  community: string | null;
  origin: 'scope' | 'manual';
  excluded: number;
}
export interface HealthRow {
  hub_id: string;
  state: HubState;
  since: number;
  last_checked_at: number;
  detail: string;
}
export interface HealthChange {
  hubId: string;
  at: number;
  state: HubState;
  detail: string;
}

const toHub = (r: HubRow): RegistryHub => ({
  id: r.id,
  cluster: r.cluster,
  name: r.name,
  displayName: r.display_name,
  domain: r.domain,
  helmChart: r.helm_chart,
  provider: r.provider,
  region: r.region,
  community: r.community,
  freshdeskCompany: r.freshdesk_company,
  requesterEmail: r.requester_email,
  updatedAt: new Date(r.updated_at).toISOString(),
});
const toCluster = (r: ClusterRow): RegistryCluster => ({
  name: r.name,
  provider: r.provider,
  region: r.region,
  providerConfig: JSON.parse(r.provider_config) as Record<string, unknown>,
  sourceFile: r.source_file,
  importedAt: new Date(r.imported_at).toISOString(),
});
const toAffected = (r: AffectedRow): AffectedHub => ({
  hubId: r.hub_id,
  name: r.name,
  cluster: r.cluster,
  domain: r.domain,
  community: r.community,
  origin: r.origin,
  excluded: r.excluded === 1,
});

const HUBS = `SELECT h.*, c.provider, c.region FROM registry_hubs h JOIN registry_clusters c ON c.name = h.cluster`;

export const hubsRepo = perDb((db: Database.Database) => {
  const s = {
    hubs: db.prepare<[], HubRow>(`${HUBS} ORDER BY h.cluster, h.name`),
    hub: db.prepare<[string], HubRow>(`${HUBS} WHERE h.id = ?`),
    clusters: db.prepare<[], ClusterRow>('SELECT * FROM registry_clusters ORDER BY name'),
    upsertCluster: db.prepare(
      `INSERT INTO registry_clusters (name, provider, region, provider_config, source_file, imported_at)
       VALUES (@name, @provider, @region, @config, @file, @at)
       ON CONFLICT(name) DO UPDATE SET provider = excluded.provider, region = excluded.region,
         provider_config = excluded.provider_config, source_file = excluded.source_file, imported_at =
           excluded.imported_at`,
    ),
    hubNames: db.prepare<[string], { id: string; name: string }>(
      'SELECT id, name FROM registry_hubs WHERE cluster = ?',
    ),
    // Contacts and an edited community are Conn's own: an import only fills the community when it is empty.
    upsertHub: db.prepare(
      `INSERT INTO registry_hubs (id, cluster, name, display_name, domain, helm_chart, community, source_line,
        updated_at)
       VALUES (@id, @cluster, @name, @displayName, @domain, @helmChart, @community, @line, @at)
       ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, domain = excluded.domain,
         helm_chart = excluded.helm_chart, community = COALESCE(registry_hubs.community, excluded.community),
         source_line = excluded.source_line, updated_at = excluded.updated_at`,
    ),
    deleteHub: db.prepare<[string]>('DELETE FROM registry_hubs WHERE id = ?'),
    updateHub: db.prepare(
      `UPDATE registry_hubs SET display_name = @displayName, domain = @domain, community = @community,
         freshdesk_company = @freshdeskCompany, requester_email = @requesterEmail, updated_at = @at WHERE id = @id`,
    ),
    scope: db.prepare<[string], { kind: ScopeKind; value: string; set_at: number }>(
      'SELECT kind, value, set_at FROM incident_scope WHERE incident_id = ?',
    ),
    setScope: db.prepare(
      `INSERT INTO incident_scope (incident_id, kind, value, set_at) VALUES (@incidentId, @kind, @value, @at)
       ON CONFLICT(incident_id) DO UPDATE SET kind = excluded.kind, value = excluded.value, set_at = excluded.set_at`,
    ),
    affected: db.prepare<[string], AffectedRow>(
      'SELECT * FROM incident_hubs WHERE incident_id = ? ORDER BY excluded, cluster, name',
    ),
    dropScopeHubs: db.prepare<[string]>(
      "DELETE FROM incident_hubs WHERE incident_id = ? AND origin = 'scope' AND excluded = 0",
    ),
    addAffected: db.prepare(
      `INSERT INTO incident_hubs (incident_id, hub_id, name, cluster, domain, community, origin, excluded, added_at)
       VALUES (@incidentId, @hubId, @name, @cluster, @domain, @community, @origin, 0, @at)
       ON CONFLICT(incident_id, hub_id) DO NOTHING`,
    ),
    setExcluded: db.prepare<[number, string, string]>(
      'UPDATE incident_hubs SET excluded = ? WHERE incident_id = ? AND hub_id = ?',
    ),
    health: db.prepare<[string], HealthRow>(
      'SELECT hub_id, state, since, last_checked_at, detail FROM hub_health WHERE incident_id = ?',
    ),
    putHealth: db.prepare(
      `INSERT INTO hub_health (incident_id, hub_id, state, since, last_checked_at, detail)
       VALUES (@incidentId, @hubId, @state, @since, @checkedAt, @detail)
       ON CONFLICT(incident_id, hub_id) DO UPDATE SET state = excluded.state, since = excluded.since,
         last_checked_at = excluded.last_checked_at, detail = excluded.detail`,
    ),
    addChange: db.prepare(
      'INSERT INTO hub_health_changes (incident_id, hub_id, at, state, detail) VALUES (@incidentId, @hubId, @at, ' +
        '@state, @detail)',
    ),
    changes: db.prepare<[string], { hub_id: string; at: number; state: HubState; detail: string }>(
      'SELECT hub_id, at, state, detail FROM hub_health_changes WHERE incident_id = ? ORDER BY at, rowid',
    ),
    impact: db.prepare<[string], { impact_end_at: number | null }>(
      'SELECT impact_end_at FROM incident_impact WHERE incident_id = ?',
    ),
    setImpactEnd: db.prepare(
      `INSERT INTO incident_impact (incident_id, impact_end_at, end_evidence) VALUES (@incidentId, @at, @evidence)
       ON CONFLICT(incident_id) DO UPDATE SET impact_end_at = excluded.impact_end_at, end_evidence =
         excluded.end_evidence`,
    ),
    setImpactStart: db.prepare<[number, number, string]>(
      'UPDATE incidents SET impact_start_at = ?, updated_at = ? WHERE id = ?',
    ),
  };

  return {
    hubs: (): RegistryHub[] => s.hubs.all().map(toHub),
    hub: (id: string): RegistryHub | null => {
      const r = s.hub.get(id);
      return r ? toHub(r) : null;
    },
    clusters: (): RegistryCluster[] => s.clusters.all().map(toCluster),
    /** Call inside a transaction. Returns how many hubs were added, updated and removed. */
    importCluster(c: ParsedCluster, at: number): { added: number; updated: number; removed: number } {
      s.upsertCluster.run({
        name: c.name,
        provider: c.provider,
        region: c.region,
        config: JSON.stringify(c.providerConfig),
        file: c.file,
        at,
      });
      const before = new Map(s.hubNames.all(c.name).map((r) => [r.name, r.id]));
      let added = 0;
      for (const h of c.hubs) {
        if (!before.has(h.name)) added++;
        before.delete(h.name);
        s.upsertHub.run({
          id: `${c.name}/${h.name}`,
          cluster: c.name,
          name: h.name,
          displayName: h.displayName,
          domain: h.domain,
          helmChart: h.helmChart,
          community: h.community,
          line: h.line,
          at,
        });
      }
      for (const id of before.values()) s.deleteHub.run(id);
      return { added, updated: c.hubs.length - added, removed: before.size };
    },
    updateHub(h: RegistryHub, at: number): void {
      s.updateHub.run({ ...h, at });
    },
    removeHub: (id: string): boolean => s.deleteHub.run(id).changes > 0,
    scope(incidentId: string) {
      return s.scope.get(incidentId) ?? null;
    },
    setScope(incidentId: string, kind: ScopeKind, value: string, at: number): void {
      s.setScope.run({ incidentId, kind, value, at });
    },
    affected: (incidentId: string): AffectedHub[] => s.affected.all(incidentId).map(toAffected),
    /** Replaces the hubs a previous scope brought in (those the commander added or removed stay as they are). */
    dropScopeHubs(incidentId: string): void {
      s.dropScopeHubs.run(incidentId);
    },
    addAffected(incidentId: string, hub: RegistryHub, origin: 'scope' | 'manual', at: number): void {
      s.addAffected.run({
        incidentId,
        hubId: hub.id,
        name: hub.name,
        cluster: hub.cluster,
        domain: hub.domain,
        community: hub.community,
        origin,
        at,
      });
    },
    setExcluded(incidentId: string, hubId: string, excluded: boolean): boolean {
      return s.setExcluded.run(excluded ? 1 : 0, incidentId, hubId).changes > 0;
    },
    health: (incidentId: string): HealthRow[] => s.health.all(incidentId),
    putHealth(
      incidentId: string,
      hubId: string,
      state: HubState,
      since: number,
      checkedAt: number,
      detail: string,
    ): void {
      s.putHealth.run({ incidentId, hubId, state, since, checkedAt, detail });
    },
    addChange(incidentId: string, c: HealthChange): void {
      s.addChange.run({ incidentId, ...c });
    },
    changes: (incidentId: string): HealthChange[] =>
      s.changes.all(incidentId).map((r) => ({ hubId: r.hub_id, at: r.at, state: r.state, detail: r.detail })),
    impactEnd: (incidentId: string): number | null => s.impact.get(incidentId)?.impact_end_at ?? null,
    setImpactEnd(incidentId: string, at: number, evidence: string): void {
      s.setImpactEnd.run({ incidentId, at, evidence });
    },
    setImpactStart(incidentId: string, at: number, now: number): void {
      s.setImpactStart.run(at, now, incidentId);
    },
  };
});
export type HubsRepo = ReturnType<typeof hubsRepo>;
