// The GitHub issues and pull requests an incident's record links, as the core last read them (title, state), for the
// chips on the timeline entries that mention them.
import { create } from 'zustand';
import type { GitHubItems } from '../../../../shared/ops/githubLinks';
import { api } from '../../api/client';

interface GitHubState {
  byIncident: Record<string, GitHubItems>;
  checking: boolean;
  load(incidentId: string): Promise<void>;
  /** "Check now": the core reads every linked item again (an unchanged one costs nothing). */
  refresh(incidentId: string): Promise<void>;
  received(view: GitHubItems): void;
}

export const useGitHubItems = create<GitHubState>((set, get) => ({
  byIncident: {},
  checking: false,
  async load(incidentId) {
    const r = await api().call['github.listLinks']({ incidentId });
    if (r.ok) get().received(r.value);
  },
  async refresh(incidentId) {
    set({ checking: true });
    try {
      const r = await api().call['github.checkLinks']({ incidentId });
      if (r.ok) get().received(r.value);
    } finally {
      set({ checking: false });
    }
  },
  received(view) {
    set({ byIncident: { ...get().byIncident, [view.incidentId]: view } });
  },
}));
