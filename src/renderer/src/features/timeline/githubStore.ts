// The GitHub issues and pull requests an incident's record links, as the core last read them (title, state), for the
// chips on the timeline entries that mention them.
import { create } from 'zustand';
import type { GitHubItems } from '../../../../shared/ops/githubLinks';
import { api } from '../../api/client';
import { snapshotRace } from '../../api/overtaken';

interface GitHubState {
  byIncident: Record<string, GitHubItems>;
  checking: boolean;
  load(incidentId: string): Promise<void>;
  /** "Check now": the core reads every linked item again (an unchanged one costs nothing). */
  refresh(incidentId: string): Promise<void>;
  received(view: GitHubItems): void;
}

// A github.linksChanged event carries the incident's whole view: a read from before it must not put back the older one.
const race = snapshotRace();

export const useGitHubItems = create<GitHubState>((set, get) => {
  const put = (view: GitHubItems) => set({ byIncident: { ...get().byIncident, [view.incidentId]: view } });
  return {
    byIncident: {},
    checking: false,
    async load(incidentId) {
      const { value: r, overtaken } = await race.read(incidentId, () => api().call['github.listLinks']({ incidentId }));
      if (r.ok && !overtaken) put(r.value);
    },
    async refresh(incidentId) {
      set({ checking: true });
      try {
        const { value: r, overtaken } = await race.read(incidentId, () =>
          api().call['github.checkLinks']({ incidentId }),
        );
        if (r.ok && !overtaken) put(r.value);
      } finally {
        set({ checking: false });
      }
    },
    received(view) {
      race.heard(view.incidentId);
      put(view);
    },
  };
});
