// Per-incident roles state. Owns every roles.* api call.
import { create } from 'zustand';
import type { IncidentRoles, RoleKind } from '../../../../shared/people';
import type { ApiError, Result } from '../../../../shared/result';
import { api } from '../../api/client';
import { snapshotRace } from '../../api/overtaken';

interface RolesState {
  byIncident: Record<string, IncidentRoles>;
  error: ApiError | null;
  load(incidentId: string): Promise<void>;
  assign(incidentId: string, role: RoleKind, personId: string, techLead?: boolean): Promise<boolean>;
  unassign(incidentId: string, role: RoleKind, personId: string): Promise<boolean>;
  /** A roles.changed event: the incident's whole roles, newer than any read still in flight. */
  received(roles: IncidentRoles): void;
}

// Every answer here carries an incident's whole roles, so one read before an event must not undo it.
const race = snapshotRace();

export const useRoles = create<RolesState>((set, get) => {
  const put = (roles: IncidentRoles) => set({ byIncident: { ...get().byIncident, [roles.incidentId]: roles } });
  /** Runs a roles call; its answer is shown unless an event for the incident overtook it. */
  const call = async (incidentId: string, run: () => Promise<Result<IncidentRoles>>) => {
    const { value: res, overtaken } = await race.read(incidentId, run);
    if (!res.ok) {
      set({ error: res.error });
      return false;
    }
    if (!overtaken) put(res.value);
    return true;
  };
  return {
    byIncident: {},
    error: null,
    async load(incidentId) {
      await call(incidentId, () => api().call['roles.list']({ incidentId }));
    },
    async assign(incidentId, role, personId, techLead) {
      set({ error: null });
      return call(incidentId, () =>
        api().call['roles.assign']({
          incidentId,
          role,
          personId,
          ...(techLead === undefined ? {} : { techLead }),
        }),
      );
    },
    async unassign(incidentId, role, personId) {
      set({ error: null });
      return call(incidentId, () => api().call['roles.unassign']({ incidentId, role, personId }));
    },
    received(roles) {
      race.heard(roles.incidentId);
      put(roles);
    },
  };
});
