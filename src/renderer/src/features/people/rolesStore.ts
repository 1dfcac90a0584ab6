// Per-incident roles state. Owns every roles.* api call.
import { create } from 'zustand';
import type { IncidentRoles, RoleKind } from '../../../../shared/people';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface RolesState {
  byIncident: Record<string, IncidentRoles>;
  error: ApiError | null;
  load(incidentId: string): Promise<void>;
  assign(incidentId: string, role: RoleKind, personId: string, techLead?: boolean): Promise<boolean>;
  unassign(incidentId: string, role: RoleKind, personId: string): Promise<boolean>;
  received(roles: IncidentRoles): void;
}

export const useRoles = create<RolesState>((set, get) => ({
  byIncident: {},
  error: null,
  async load(incidentId) {
    const res = await api().call['roles.list']({ incidentId });
    if (res.ok) get().received(res.value);
    else set({ error: res.error });
  },
  async assign(incidentId, role, personId, techLead) {
    set({ error: null });
    const res = await api().call['roles.assign']({
      incidentId,
      role,
      personId,
      ...(techLead === undefined ? {} : { techLead }),
    });
    if (!res.ok) {
      set({ error: res.error });
      return false;
    }
    get().received(res.value);
    return true;
  },
  async unassign(incidentId, role, personId) {
    set({ error: null });
    const res = await api().call['roles.unassign']({ incidentId, role, personId });
    if (!res.ok) {
      set({ error: res.error });
      return false;
    }
    get().received(res.value);
    return true;
  },
  received(roles) {
    set({ byIncident: { ...get().byIncident, [roles.incidentId]: roles } });
  },
}));
