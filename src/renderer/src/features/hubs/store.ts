// Hub registry, incident scope, hub health and impact proposals: state for the Registry screen and the incident's
// blast-radius panel. Owns these api calls; listens to its own events (registry/scope/health changes).
import { create } from 'zustand';
import type {
  HealthSettings,
  HealthView,
  ImpactProposal,
  IncidentScope,
  RegistryView,
  ScopeKind,
} from '../../../../shared/hubs';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface HubsState {
  registry: RegistryView | null;
  settings: HealthSettings | null;
  scope: Record<string, IncidentScope>;
  health: Record<string, HealthView>;
  impact: Record<string, ImpactProposal>;
  error: ApiError | null;
  notice: string | null;
  loadRegistry(): Promise<void>;
  importFolder(folder: string): Promise<boolean>;
  importFiles(files: { path: string; text: string }[]): Promise<boolean>;
  updateHub(
    hubId: string,
    patch: { community?: string | null; freshdeskCompany?: string | null; requesterEmail?: string | null },
  ): Promise<boolean>;
  removeHub(hubId: string): Promise<void>;
  saveSettings(patch: { enabled?: boolean }): Promise<void>;
  loadIncident(incidentId: string): Promise<void>;
  setScope(incidentId: string, kind: ScopeKind, value: string): Promise<boolean>;
  setIncluded(incidentId: string, hubId: string, included: boolean): Promise<void>;
  probeNow(incidentId: string): Promise<void>;
  loadImpact(incidentId: string): Promise<void>;
  acceptImpact(incidentId: string, which: 'start' | 'end', at: string): Promise<void>;
  clearMessages(): void;
}

export const useHubs = create<HubsState>((set, get) => ({
  registry: null,
  settings: null,
  scope: {},
  health: {},
  impact: {},
  error: null,
  notice: null,
  async loadRegistry() {
    const [r, s] = await Promise.all([api().call['registry.list']({}), api().call['health.settings']({})]);
    if (r.ok) set({ registry: r.value });
    if (s.ok) set({ settings: s.value });
  },
  async importFolder(folder) {
    const r = await api().call['registry.import']({ folder });
    if (!r.ok) {
      set({ error: r.error, notice: null });
      return false;
    }
    const v = r.value;
    set({
      error: null,
      notice: `Imported ${v.clusters.length} cluster${v.clusters.length === 1 ? '' : 's'} (${v.clusters.join(
        ', ',
      )}): ${v.added} hubs added, ${v.updated} updated, ${v.removed} removed.`,
    });
    await get().loadRegistry();
    return true;
  },
  async importFiles(files) {
    const r = await api().call['registry.import']({ files });
    if (!r.ok) {
      set({ error: r.error, notice: null });
      return false;
    }
    set({
      error: null,
      notice:
        `Imported ${r.value.clusters.join(', ')}: ${r.value.added} hubs added, ${r.value.updated} updated, ` +
        `${r.value.removed} removed.`,
    });
    await get().loadRegistry();
    return true;
  },
  async updateHub(hubId, patch) {
    const r = await api().call['registry.updateHub']({ hubId, ...patch });
    set({ error: r.ok ? null : r.error });
    if (r.ok) await get().loadRegistry();
    return r.ok;
  },
  async removeHub(hubId) {
    const r = await api().call['registry.removeHub']({ hubId });
    set({ error: r.ok ? null : r.error });
    await get().loadRegistry();
  },
  async saveSettings(patch) {
    const r = await api().call['health.saveSettings'](patch);
    if (r.ok) set({ settings: r.value, error: null });
    else set({ error: r.error });
  },
  async loadIncident(incidentId) {
    const [s, h] = await Promise.all([
      api().call['incidents.scope']({ incidentId }),
      api().call['health.status']({ incidentId }),
    ]);
    if (s.ok) set({ scope: { ...get().scope, [incidentId]: s.value } });
    if (h.ok) set({ health: { ...get().health, [incidentId]: h.value } });
    await get().loadImpact(incidentId);
  },
  async setScope(incidentId, kind, value) {
    const r = await api().call['incidents.setScope']({ incidentId, kind, value });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    set({ error: null, scope: { ...get().scope, [incidentId]: r.value } });
    await get().loadIncident(incidentId);
    return true;
  },
  async setIncluded(incidentId, hubId, included) {
    const r = await api().call['incidents.setHubIncluded']({ incidentId, hubId, included });
    if (!r.ok) set({ error: r.error });
    else await get().loadIncident(incidentId);
  },
  async probeNow(incidentId) {
    const r = await api().call['health.probeNow']({ incidentId });
    if (r.ok) set({ health: { ...get().health, [incidentId]: r.value } });
    await get().loadImpact(incidentId);
  },
  async loadImpact(incidentId) {
    const r = await api().call['impact.propose']({ incidentId });
    if (r.ok) set({ impact: { ...get().impact, [incidentId]: r.value } });
  },
  async acceptImpact(incidentId, which, at) {
    const r = await api().call['impact.accept']({ incidentId, which, at });
    set({ error: r.ok ? null : r.error });
    await get().loadImpact(incidentId);
  },
  clearMessages: () => set({ error: null, notice: null }),
}));

// Freshdesk jobs of an incident whose blast radius is shown: read "who has been told" again, at most every 300 ms.
const toldReload = new Map<string, ReturnType<typeof setTimeout>>();
function reloadTold(incidentId: string) {
  if (toldReload.has(incidentId)) return;
  toldReload.set(
    incidentId,
    setTimeout(() => {
      toldReload.delete(incidentId);
      void api()
        .call['incidents.scope']({ incidentId })
        .then((r) => {
          if (r.ok) useHubs.setState((s) => ({ scope: { ...s.scope, [incidentId]: r.value } }));
        });
    }, 300),
  );
}

/** What the hub events change in the store (routed from events.ts, the one table of event routes). */
export const hubEvents = {
  outboxChanged: (job: OutboxJob) => {
    if (job.vendor === 'freshdesk' && job.incidentId && useHubs.getState().scope[job.incidentId])
      reloadTold(job.incidentId);
  },
  registryChanged: () => void useHubs.getState().loadRegistry(),
  /** The event stream reopened (events may be missed): the registry if read, and the shown incident's blast radius. */
  resync: (incidentId: string | null) => {
    const s = useHubs.getState();
    if (s.registry) void s.loadRegistry();
    if (incidentId && (s.scope[incidentId] || s.health[incidentId])) void s.loadIncident(incidentId);
  },
  scopeChanged: (v: IncidentScope) => useHubs.setState((s) => ({ scope: { ...s.scope, [v.incidentId]: v } })),
  healthChanged: (v: HealthView) => {
    useHubs.setState((s) => ({ health: { ...s.health, [v.incidentId]: v } }));
    void useHubs.getState().loadImpact(v.incidentId);
  },
};
