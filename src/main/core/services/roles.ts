// Use cases for incident roles. Every change lands on the timeline (source 'role') in its transaction.
import type { TimelineEntry } from '../../../shared/domain';
import type { OutboxJob, Vendor } from '../../../shared/outbox';
import {
  freshdeskAgentNumber,
  roleLabels,
  singleHolderRoles,
  type IncidentRoles,
  type RoleKind,
} from '../../../shared/people';
import { AppError } from '../../../shared/result';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxRepo } from '../db/repos/outbox';
import { linkedVendors } from '../handoff/targets';
import { peopleRepo } from '../db/repos/people';
import { rolesRepo } from '../db/repos/roles';
import { timelineRepo } from '../db/repos/timeline';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import { rolesView } from '../domain/roles';

export interface RolesDeps extends ServiceDeps {
  /** Which vendors are connected (for the jobs a delegated liaison duty writes). Default: none. */
  isConfigured?: (v: Vendor) => boolean;
}

export const LIAISON_REF = 'liaison';

export function rolesService({ db, clock, ids, bus, isConfigured = () => false }: RolesDeps) {
  const roles = rolesRepo(db);
  const people = peopleRepo(db);
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);
  const outbox = outboxRepo(db);

  const mustIncident = (id: string) => {
    if (!incidents.get(id)) throw new AppError('not_found', `No incident with id ${id}`);
  };
  const mustPerson = (id: string) => {
    const p = people.get(id);
    if (!p || p.removed) throw new AppError('not_found', `No person with id ${id} in the roster.`);
    return p;
  };
  const note = (incidentId: string, kind: string, body: string, personId: string, at: number) =>
    timeline.append({
      id: ids.next(),
      incidentId,
      at,
      source: 'role',
      kind,
      body,
      actor: whoAmI(db)?.name ?? null,
      refId: personId,
      recordedAt: at,
    });

  /** Runs inside the caller's transaction; returns the timeline entry, or null when nothing changed. */
  function assignInTx(
    incidentId: string,
    role: RoleKind,
    personId: string,
    techLead: boolean | undefined,
    at: number,
  ): TimelineEntry | null {
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

  /**
   * The process: when the liaison duty is delegated (to someone other than the commander), the ticket is assigned
   * to the liaison and a PagerDuty note says so. Runs inside the assignment's transaction.
   */
  function liaisonDelegated(incidentId: string, personId: string, at: number): OutboxJob[] {
    const incident = incidents.get(incidentId)!;
    const view = rolesView(incidentId, roles.list(incidentId));
    if (view.commander?.id === personId) return [];
    const person = mustPerson(personId);
    const linked = linkedVendors(db, incident, isConfigured);
    const jobIds: string[] = [];
    const agent = freshdeskAgentNumber(person);
    const ref = { incidentId, refType: LIAISON_REF, refId: personId, at };
    if (linked.freshdesk && agent !== null) {
      const id = ids.next();
      outbox.enqueue({ ...ref, id, kind: 'freshdesk.updateTicket', payload: { responderId: agent } });
      jobIds.push(id);
    }
    if (linked.pagerduty) {
      const id = ids.next();
      const ticket = linked.freshdesk && agent !== null ? ' The ticket is assigned to them.' : '';
      outbox.enqueue({
        ...ref,
        id,
        kind: 'pagerduty.addNote',
        payload: { content: `${person.name} is now the External Liaison and keeps the community informed.${ticket}` },
      });
      jobIds.push(id);
    }
    return jobIds.map((j) => outbox.get(j)).filter((j): j is OutboxJob => j !== undefined);
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
      const { entry, jobs } = db
        .transaction(() => {
          mustIncident(incidentId);
          const at = clock.now();
          const e = assignInTx(incidentId, role, personId, techLead, at);
          if (e) incidents.touch(incidentId, at);
          const jobs = e && role === 'external_liaison' ? liaisonDelegated(incidentId, personId, at) : [];
          return { entry: e, jobs };
        })
        .immediate();
      for (const j of jobs) bus.emit('outbox.changed', j);
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
          return note(
            incidentId,
            'role_removed',
            `${person.name} is no longer ${roleLabels[role]}${extra}`,
            personId,
            at,
          );
        })
        .immediate();
      return finish(incidentId, entry);
    },
  };
}
export type RolesService = ReturnType<typeof rolesService>;
