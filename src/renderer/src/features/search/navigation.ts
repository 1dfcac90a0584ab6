// Where the app was asked to go (a search result, a register figure): which incident, tab, note or timeline entry.
import { create } from 'zustand';

export interface NavTarget {
  incidentId: string;
  tab: 'work' | 'timeline' | 'report';
  noteId: string | null;
  entryId: string | null;
  /** Increments on every request, so opening the same result twice still scrolls. */
  seq: number;
}

interface NavState {
  target: NavTarget | null;
  go(t: Omit<NavTarget, 'seq'>): void;
}

export const useNavigation = create<NavState>((set, get) => ({
  target: null,
  go(t) {
    set({ target: { ...t, seq: (get().target?.seq ?? 0) + 1 } });
  },
}));
