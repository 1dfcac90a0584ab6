// Search overlay state: the query, ranked hits, the selection, and opening a hit in its incident.
import { create } from 'zustand';
import type { SearchHit } from '../../../../shared/notes';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { useIncidents } from '../incidents/store';
import { useNavigation } from './navigation';

const DEBOUNCE_MS = 150;

interface SearchState {
  open: boolean;
  text: string;
  hits: SearchHit[];
  /** Prefixes of the current query that stood for too many words: only their commonest were searched. */
  capped: string[];
  selected: number;
  loading: boolean;
  error: ApiError | null;
  show(): void;
  hide(): void;
  setText(text: string): void;
  move(delta: number): void;
  choose(index?: number): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let requestSeq = 0;

export const useSearch = create<SearchState>((set, get) => ({
  open: false,
  text: '',
  hits: [],
  capped: [],
  selected: 0,
  loading: false,
  error: null,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  setText(text) {
    set({ text });
    if (timer) clearTimeout(timer);
    if (text.trim() === '') {
      set({ hits: [], capped: [], error: null, loading: false, selected: 0 });
      return;
    }
    timer = setTimeout(async () => {
      const mine = ++requestSeq;
      set({ loading: true });
      const res = await api().call['search.query']({ text, limit: 50 });
      if (mine !== requestSeq) return; // a newer query is on its way
      if (res.ok) set({ hits: res.value.hits, capped: res.value.capped, error: null, loading: false, selected: 0 });
      else set({ hits: [], capped: [], error: res.error, loading: false });
    }, DEBOUNCE_MS);
  },
  move(delta) {
    const { hits, selected } = get();
    if (hits.length) set({ selected: (selected + delta + hits.length) % hits.length });
  },
  choose(index) {
    const hit = get().hits[index ?? get().selected];
    if (!hit) return;
    useIncidents.getState().select(hit.incidentId);
    useNavigation.getState().go({
      incidentId: hit.incidentId,
      tab: hit.type === 'note' ? 'work' : 'timeline',
      noteId: hit.noteId,
      entryId: hit.entryId,
    });
    set({ open: false });
  },
}));
