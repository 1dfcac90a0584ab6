// Operations on per-incident roles: commander, liaison, subject matter experts, support triagers.
import { z } from 'zod';
import { roleKinds, type IncidentRoles } from '../people';
import { id } from '../text';
import { event, op } from './define';

export const roleOps = {
  'roles.list': op<IncidentRoles>()('Who holds which role in an incident.', z.strictObject({ incidentId: id })),
  'roles.assign': op<IncidentRoles>()(
    'Give a person a role. Commander and liaison have one holder (the new one replaces the old); ' +
      'techLead marks the subject matter expert who is the Tech Lead (only one).',
    z.strictObject({ incidentId: id, role: z.enum(roleKinds), personId: id, techLead: z.boolean().optional() }),
  ),
  'roles.unassign': op<IncidentRoles>()(
    'Take a role away from a person.',
    z.strictObject({ incidentId: id, role: z.enum(roleKinds), personId: id }),
  ),
};

export const roleEvents = {
  'roles.changed': event<IncidentRoles>(),
};
