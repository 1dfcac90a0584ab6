// Timeline state for the open incident: filtered pages in time order, report flags and summaries.
import { create } from 'zustand';
import type { TimelineEntry, TimelineSource } from '../../../../shared/domain';
import { timelineCursor } from '../../../../shared/notes';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { heardDuringReads, mergeHeard } from '../../api/overtaken';
import { extendWindow } from '../../ui/paging';

const PAGE = 200;
type Entry = TimelineEntry & { cursor: string };

interface TimelineState {
  incidentId: string | null;
  items: Entry[];
  hasBefore: boolean;
  hasAfter: boolean;
  timeZone: string;
  sources: TimelineSource[];
  kinds: string[];
  loading: boolean;
  error: ApiError | null;
  focus: { entryId: string; seq: number } | null;
  open(incidentId: string, aroundEntryId?: string | null): Promise<void>;
  loadNewer(): Promise<void>;
  loadOlder(): Promise<number>;
  setFilter(f: { sources?: TimelineSource[]; kinds?: string[] }): Promise<void>;
  setInReport(entryId: string, inReport: boolean): Promise<void>;
  setSummary(entryId: string, summary: string): Promise<boolean>;
  received(e: TimelineEntry): void;
  changed(e: TimelineEntry): void;
}

/** Entries that events brought (added or changed) while a page was being read. */
const pages = heardDuringReads<Entry>();

const before = (a: Entry, b: Entry) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

export const useTimeline = create<TimelineState>((set, get) => {
  const filter = () => {
    const { sources, kinds } = get();
    return { ...(sources.length ? { sources } : {}), ...(kinds.length ? { kinds } : {}) };
  };
  const matches = (e: TimelineEntry) => {
    const { sources, kinds } = get();
    return (!sources.length || sources.includes(e.source)) && (!kinds.length || kinds.includes(e.kind));
  };
  return {
    incidentId: null,
    items: [],
    hasBefore: false,
    hasAfter: false,
    timeZone: 'UTC',
    sources: [],
    kinds: [],
    loading: false,
    error: null,
    focus: null,

    async open(incidentId, aroundEntryId) {
      if (get().incidentId !== incidentId) set({ incidentId, items: [], focus: null });
      // Jumping to an entry clears filters that could hide it.
      if (aroundEntryId) set({ sources: [], kinds: [] });
      set({ loading: true, error: null });
      const { value: res, heard } = await pages.read(() =>
        api().call['timeline.list']({
          incidentId,
          limit: PAGE,
          ...filter(),
          ...(aroundEntryId ? { around: aroundEntryId } : {}),
        }),
      );
      if (get().incidentId !== incidentId) return;
      if (!res.ok) {
        set({ loading: false, error: res.error });
        return;
      }
      const { hasBefore, hasAfter, timeZone } = res.value;
      set({
        // Entries the events brought while the page was read: the later copy, and the newest end complete.
        items: mergeHeard(res.value.items, heard, {
          reachesNewest: !hasAfter,
          belongs: (e) => e.incidentId === incidentId && matches(e),
          order: before,
        }),
        hasBefore,
        hasAfter,
        timeZone,
        loading: false,
        focus: aroundEntryId ? { entryId: aroundEntryId, seq: (get().focus?.seq ?? 0) + 1 } : null,
      });
    },

    async loadNewer() {
      await extendWindow('after', get, set, (incidentId, c) =>
        api().call['timeline.list']({ incidentId, limit: PAGE, ...filter(), ...c }),
      );
    },

    loadOlder: () =>
      extendWindow('before', get, set, (incidentId, c) =>
        api().call['timeline.list']({ incidentId, limit: PAGE, ...filter(), ...c }),
      ),

    async setFilter(f) {
      set({ ...f });
      const id = get().incidentId;
      if (id) await get().open(id);
    },

    async setInReport(entryId, inReport) {
      const res = await api().call['timeline.setInReport']({ entryId, inReport });
      if (res.ok) get().changed(res.value);
      else set({ error: res.error });
    },

    async setSummary(entryId, summary) {
      const res = await api().call['timeline.setSummary']({ entryId, summary });
      if (!res.ok) {
        set({ error: res.error });
        return false;
      }
      get().changed(res.value);
      return true;
    },

    received(e) {
      pages.heard(e.id, { ...e, cursor: timelineCursor(e) });
      const { incidentId, items, hasAfter } = get();
      if (e.incidentId !== incidentId || hasAfter || !matches(e) || items.some((x) => x.id === e.id)) return;
      const entry = { ...e, cursor: timelineCursor(e) };
      const last = items[items.length - 1];
      set({ items: !last || before(last, entry) <= 0 ? [...items, entry] : [...items, entry].sort(before) });
    },

    changed(e) {
      pages.heard(e.id, { ...e, cursor: timelineCursor(e) });
      set({ items: get().items.map((x) => (x.id === e.id ? { ...e, cursor: x.cursor } : x)) });
    },
  };
});
