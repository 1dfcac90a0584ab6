// Incidents state: the list, the selection, and declaring. Owns every call to the api for incidents.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
import { incidentStatuses, type Incident, type IncidentStatus } from '../../../../shared/domain';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { heardDuringReads } from '../../api/overtaken';

interface IncidentsState {
  items: Incident[];
  loading: boolean;
  error: ApiError | null;
  selectedId: string | null;
  declaring: boolean;
  declareError: ApiError | null;
  load(): Promise<void>;
  declare(input: OpInput<'incidents.declare'>): Promise<Incident | null>;
  select(id: string | null): void;
  /** Moves the selection by delta through the list (wrapping), for keyboard switching. */
  step(delta: number): void;
  statusError: ApiError | null;
  setStatus(incidentId: string, status: IncidentStatus): Promise<boolean>;
  received(incident: Incident): void;
}

/**
 * Incidents heard from events while a list request is in flight. The list was read at some moment during the request,
 * so an event may carry a newer incident than the list does (or one it lacks): the load keeps the newer of the two,
 * instead of putting back what the event had already replaced (on a tie, the event).
 */
const lists = heardDuringReads<Incident>();

const newer = (listed: Incident, heard: Incident) =>
  Date.parse(listed.updatedAt) > Date.parse(heard.updatedAt) ? listed : heard;

export const useIncidents = create<IncidentsState>((set, get) => ({
  items: [],
  loading: false,
  error: null,
  selectedId: null,
  declaring: false,
  declareError: null,
  statusError: null,
  async load() {
    set({ loading: true, error: null });
    const { value: res, heard } = await lists.read(() => api().call['incidents.list']({}));
    if (!res.ok) return set({ error: res.error, loading: false });
    const listed = new Set(res.value.map((i) => i.id));
    const items = res.value.map((i) => (heard.has(i.id) ? newer(i, heard.get(i.id)!) : i));
    set({ items: [...[...heard.values()].filter((i) => !listed.has(i.id)), ...items], loading: false });
  },
  async declare(input) {
    set({ declaring: true, declareError: null });
    const res = await api().call['incidents.declare'](input);
    if (!res.ok) {
      set({ declaring: false, declareError: res.error });
      return null;
    }
    get().received(res.value);
    set({ declaring: false, selectedId: res.value.id });
    return res.value;
  },
  select(id) {
    set({ selectedId: id, statusError: null });
  },
  step(delta) {
    const { items, selectedId } = get();
    if (!items.length) return;
    const at = items.findIndex((i) => i.id === selectedId);
    const next = at < 0 ? (delta > 0 ? 0 : items.length - 1) : (at + delta + items.length) % items.length;
    get().select(items[next]!.id);
  },
  async setStatus(incidentId, status) {
    const current = get().items.find((i) => i.id === incidentId);
    if (!current) return false;
    const reopen = incidentStatuses.indexOf(status) < incidentStatuses.indexOf(current.status);
    set({ statusError: null });
    const res = await api().call['incidents.setStatus']({ incidentId, status, ...(reopen ? { reopen } : {}) });
    if (!res.ok) {
      set({ statusError: res.error });
      return false;
    }
    get().received(res.value);
    return true;
  },
  received(incident) {
    lists.heard(incident.id, incident);
    const items = get().items;
    if (items.some((i) => i.id === incident.id)) {
      set({ items: items.map((i) => (i.id === incident.id ? incident : i)) });
    } else {
      set({ items: [incident, ...items] });
    }
  },
}));
