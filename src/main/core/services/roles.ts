// Use cases for incident roles. Every change lands on the timeline (source 'role') in its transaction.
import type { TimelineEntry } from '../../../shared/domain';
import { roleLabels, singleHolderRoles, type IncidentRoles, type RoleAssignment, type RoleKind } from '../../../shared/people';
import { AppError } from '../../../shared/result';
import { incidentsRepo } from '../db/repos/incidents';
import { peopleRepo } from '../db/repos/people';
import { rolesRepo } from '../db/repos/roles';
import { timelineRepo } from '../db/repos/timeline';
import type { ServiceDeps } from './incidents';
import { whoAmI } from './people';

export function rolesView(incidentId: string, list: RoleAssignment[]): IncidentRoles {
  const commander = list.find((a) => a.role === 'incident_commander')?.person ?? null;
  const liaison = list.find((a) => a.role === 'external_liaison')?.person ?? null;
  return {
    incidentId,
    commander,
    liaison: liaison ?? commander,
    liaisonIsCommander: liaison === null || liaison.id === commander?.id,
    smes: list.filter((a) => a.role === 'subject_matter_expert').map((a) => ({ person: a.person, techLead: a.techLead })),
    triagers: list.filter((a) => a.role === 'support_triager').map((a) => a.person),
  };
}

export function rolesService({ db, clock, ids, bus }: ServiceDeps) {
  const roles = rolesRepo(db);
  const people = peopleRepo(db);
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);

  const mustIncident = (id: string) => {
    if (!incidents.get(id)) throw new AppError('not_found', `No incident with id ${id}`);
  };
  const mustPerson = (id: string) => {
    const p = people.get(id);
    if (!p || p.removed) throw new AppError('not_found', `No person with id ${id} in the roster.`);
    return p;
  };
  const note = (incidentId: string, kind: string, body: string, personId: string, at: number) =>
    timeline.append({ id: ids.next(), incidentId, at, source: 'role', kind, body, actor: whoAmI(db)?.name ?? null, refId: personId, recordedAt: at });

  /** Runs inside the caller's transaction; returns the timeline entry, or null when nothing changed. */
  function assignInTx(incidentId: string, role: RoleKind, personId: string, techLead: boolean | undefined, at: number): TimelineEntry | null {
    const person = mustPerson(personId);
    const current = roles.list(incidentId);
    const label = roleLabels[role];
    if (singleHolderRoles.includes(role)) {
      const holder = current.find((a) => a.role === role);
      if (holder?.person.id === personId) return null;
      if (holder) roles.remove(incidentId, role, holder.person.id);
      roles.add(incidentId, role, personId, false, at);
      const was = holder ? ` (was ${holder.person.name})` : '';
      return note(incidentId, 'role_assigned', `${person.name} is now ${label}${was}`, personId, at);
    }
    const mine = current.find((a) => a.role === role && a.person.id === personId);
    if (role === 'subject_matter_expert') {
      const lead = current.find((a) => a.techLead);
      const wantLead = techLead ?? mine?.techLead ?? false;
      if (!mine) roles.add(incidentId, role, personId, false, at);
      if (mine && mine.techLead === wantLead) return null;
      if (wantLead) roles.setTechLead(incidentId, personId, true);
      else if (mine?.techLead) roles.setTechLead(incidentId, personId, false);
      const wasLead = wantLead && lead && lead.person.id !== personId ? ` (was ${lead.person.name})` : '';
      if (!mine) {
        const asLead = wantLead ? `, as Tech Lead${wasLead}` : '';
        return note(incidentId, 'role_assigned', `${person.name} joined as ${label}${asLead}`, personId, at);
      }
      return note(
        incidentId,
        'tech_lead_changed',
        wantLead ? `${person.name} is now Tech Lead${wasLead}` : `${person.name} is no longer Tech Lead`,
        personId,
        at,
      );
    }
    if (mine) return null;
    roles.add(incidentId, role, personId, false, at);
    return note(incidentId, 'role_assigned', `${person.name} joined as ${label}`, personId, at);
  }

  const finish = (incidentId: string, entry: TimelineEntry | null): IncidentRoles => {
    const view = rolesView(incidentId, roles.list(incidentId));
    if (entry) {
      bus.emit('timeline.appended', entry);
      bus.emit('roles.changed', view);
      const inc = incidents.get(incidentId);
      if (inc) bus.emit('incidents.updated', inc);
    }
    return view;
  };

  return {
    assignInTx,
    list(incidentId: string): IncidentRoles {
      mustIncident(incidentId);
      return rolesView(incidentId, roles.list(incidentId));
    },
    assign(incidentId: string, role: RoleKind, personId: string, techLead?: boolean): IncidentRoles {
      const entry = db
        .transaction(() => {
          mustIncident(incidentId);
          const at = clock.now();
          const e = assignInTx(incidentId, role, personId, techLead, at);
          if (e) incidents.touch(incidentId, at);
          return e;
        })
        .immediate();
      return finish(incidentId, entry);
    },
    unassign(incidentId: string, role: RoleKind, personId: string): IncidentRoles {
      const entry = db
        .transaction(() => {
          mustIncident(incidentId);
          const person = people.get(personId);
          if (!person || !roles.remove(incidentId, role, personId)) {
            throw new AppError('not_found', `${person?.name ?? personId} is not ${roleLabels[role]} in this incident.`);
          }
          const at = clock.now();
          incidents.touch(incidentId, at);
          const extra = role === 'external_liaison' ? '; the commander keeps the liaison duty' : '';
          return note(incidentId, 'role_removed', `${person.name} is no longer ${roleLabels[role]}${extra}`, personId, at);
        })
        .immediate();
      return finish(incidentId, entry);
    },
  };
}
export type RolesService = ReturnType<typeof rolesService>;
