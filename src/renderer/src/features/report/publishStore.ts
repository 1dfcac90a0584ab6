// The report's publication by pull request: its state per incident, the Publish press (once; "Publish again" after
// a sent one), and refreshes when its outbox job or the checklist (the merge check) moves.
import { create } from 'zustand';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ReportPublication } from '../../../../shared/publish';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface PublishState {
  byIncident: Record<string, ReportPublication>;
  /** The incident whose Publish press is being exported and queued right now. */
  pressing: string | null;
  error: { incidentId: string; error: ApiError } | null;
  load(incidentId: string): Promise<void>;
  publish(incidentId: string, again?: boolean): Promise<void>;
  clearError(): void;
  jobChanged(job: OutboxJob): void;
  checklistChanged(incidentId: string): void;
}

export const usePublish = create<PublishState>((set, get) => ({
  byIncident: {},
  pressing: null,
  error: null,
  async load(incidentId) {
    const res = await api().call['report.publication']({ incidentId });
    if (res.ok) set({ byIncident: { ...get().byIncident, [incidentId]: res.value } });
  },
  async publish(incidentId, again) {
    if (get().pressing === incidentId) return; // a second press while the first is exporting does nothing
    set({ pressing: incidentId, error: null });
    const res = await api().call['report.publish']({ incidentId, ...(again ? { again: true } : {}) });
    set({ pressing: null });
    if (res.ok) set({ byIncident: { ...get().byIncident, [incidentId]: res.value.publication } });
    else {
      set({ error: { incidentId, error: res.error } });
      await get().load(incidentId);
    }
  },
  clearError: () => set({ error: null }),
  jobChanged(job) {
    if (job.kind === 'github.publishReport' && job.incidentId && get().byIncident[job.incidentId])
      void get().load(job.incidentId);
  },
  checklistChanged(incidentId) {
    if (get().byIncident[incidentId]) void get().load(incidentId);
  },
}));
