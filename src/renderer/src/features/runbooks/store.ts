// Runbooks state: the list for pickers and full runbooks (criteria questions) fetched on demand.
import { create } from 'zustand';
import type { Runbook, RunbookSummary } from '../../../../shared/runbook';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface RunbooksState {
  list: RunbookSummary[];
  full: Record<string, Runbook>;
  error: ApiError | null;
  load(): Promise<void>;
  fetch(id: string): Promise<Runbook | null>;
}

export const useRunbooks = create<RunbooksState>((set, get) => ({
  list: [],
  full: {},
  error: null,
  async load() {
    const res = await api().call['runbooks.list']({});
    if (res.ok) set({ list: res.value, error: null });
    else set({ error: res.error });
  },
  async fetch(id) {
    const have = get().full[id];
    if (have) return have;
    const res = await api().call['runbooks.get']({ id });
    if (!res.ok) {
      set({ error: res.error });
      return null;
    }
    set({ full: { ...get().full, [id]: res.value.runbook } });
    return res.value.runbook;
  },
}));
