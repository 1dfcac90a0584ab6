// Who holds which role in an incident, as one view (commander, liaison falling back to the commander, SMEs,
// triagers): a pure function over the stored assignments, used by services and the handoff gatherer.
import type { IncidentRoles, RoleAssignment } from '../../../shared/people';

export function rolesView(incidentId: string, list: RoleAssignment[]): IncidentRoles {
  const commander = list.find((a) => a.role === 'incident_commander')?.person ?? null;
  const liaison = list.find((a) => a.role === 'external_liaison')?.person ?? null;
  return {
    incidentId,
    commander,
    liaison: liaison ?? commander,
    liaisonIsCommander: liaison === null || liaison.id === commander?.id,
    smes: list
      .filter((a) => a.role === 'subject_matter_expert')
      .map((a) => ({ person: a.person, techLead: a.techLead })),
    triagers: list.filter((a) => a.role === 'support_triager').map((a) => a.person),
  };
}
