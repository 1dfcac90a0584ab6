// Connections state: vendor settings, saving, testing, and the storage choice. Owns every api call for settings.
import { create } from 'zustand';
import type { IntegrationsView, TestResult } from '../../../../shared/integrations';
import type { Vendor } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface SettingsState {
  view: IntegrationsView | null;
  loadError: ApiError | null;
  saving: Partial<Record<Vendor, boolean>>;
  saveError: Partial<Record<Vendor, ApiError | null>>;
  saved: Partial<Record<Vendor, boolean>>;
  testing: Partial<Record<Vendor, boolean>>;
  tested: Partial<Record<Vendor, TestResult | null>>;
  load(): Promise<void>;
  save(vendor: Vendor, config: Record<string, unknown>, token?: string): Promise<boolean>;
  test(vendor: Vendor): Promise<void>;
  acceptWeakStorage(accept: boolean): Promise<void>;
  received(view: IntegrationsView): void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  view: null,
  loadError: null,
  saving: {},
  saveError: {},
  saved: {},
  testing: {},
  tested: {},
  async load() {
    const res = await api().call['integrations.get']({});
    if (res.ok) set({ view: res.value, loadError: null });
    else set({ loadError: res.error });
  },
  async save(vendor, config, token) {
    set({
      saving: { ...get().saving, [vendor]: true },
      saveError: { ...get().saveError, [vendor]: null },
      saved: { ...get().saved, [vendor]: false },
    });
    const res = await api().call['integrations.save']({ vendor, config, ...(token ? { token } : {}) });
    set({ saving: { ...get().saving, [vendor]: false } });
    if (!res.ok) {
      set({ saveError: { ...get().saveError, [vendor]: res.error } });
      return false;
    }
    set({ view: res.value, saved: { ...get().saved, [vendor]: true }, tested: { ...get().tested, [vendor]: null } });
    return true;
  },
  async test(vendor) {
    set({ testing: { ...get().testing, [vendor]: true }, tested: { ...get().tested, [vendor]: null } });
    const res = await api().call['integrations.test']({ vendor });
    const result: TestResult = res.ok ? res.value : { ok: false, vendor, message: res.error.message };
    set({ testing: { ...get().testing, [vendor]: false }, tested: { ...get().tested, [vendor]: result } });
  },
  async acceptWeakStorage(accept) {
    const res = await api().call['integrations.acceptWeakStorage']({ accept });
    if (res.ok) set({ view: res.value });
    else set({ loadError: res.error });
  },
  received(view) {
    set({ view });
  },
}));
