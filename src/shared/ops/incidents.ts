// Operations on incidents: declaring, reading, listing and moving through the lifecycle.
import { z } from 'zod';
import { incidentStatuses, type Incident } from '../domain';
import { scopeKinds } from '../hubs';
import { httpsUrl, id, label } from '../text';
import { event, op } from './define';

export const incidentOps = {
  'incidents.declare': op<Incident>()(
    'Declare a new incident: records the classification answers, copies the runbook into its checklist, ' +
      'and assigns the commander. Returns the incident with its id.',
    z.strictObject({
      title: label(200, 'title'),
      hub: label(100, 'hub').optional(),
      ticketUrl: httpsUrl('ticketUrl').optional(),
      /** Answers to the runbook's criteria questions, by question id. Unanswered counts as no. */
      classification: z.record(z.string().max(64), z.boolean()).optional(),
      /** ISO-8601 with offset; defaults to now. */
      impactStart: z.iso.datetime({ offset: true, message: 'impactStart must be an ISO-8601 date-time' }).optional(),
      runbookId: id.optional(),
      /** Person id of the Incident Commander. */
      commander: id.optional(),
      /** The blast radius from the hub registry (see incidents.setScope); can also be picked later. */
      scope: z.strictObject({ kind: z.enum(scopeKinds), value: label(200, 'scope.value') }).optional(),
    }),
  ),
  'incidents.list': op<Incident[]>()('List incidents, newest first.', z.strictObject({}).optional().default({})),
  'incidents.get': op<Incident>()('One incident by id.', z.strictObject({ incidentId: id })),
  'incidents.setStatus': op<Incident>()(
    'Move an incident through declared → active → mitigated → resolved → report_in_review → closed. ' +
      'Forward moves may skip statuses; moving back needs reopen: true.',
    z.strictObject({
      incidentId: id,
      status: z.enum(incidentStatuses),
      reopen: z.boolean().optional(),
      note: label(500, 'note').optional(),
    }),
  ),
};

export const incidentEvents = {
  'incidents.declared': event<Incident>(),
  'incidents.updated': event<Incident>(),
};
