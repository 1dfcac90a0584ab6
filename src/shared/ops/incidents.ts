// Operations on incidents: declaring and listing.
import { z } from 'zod';
import type { Incident } from '../domain';
import { httpsUrl, label } from '../text';
import { event, op } from './define';

export const incidentOps = {
  'incidents.declare': op<Incident>()(
    'Declare a new incident. Returns the incident with its id.',
    z.strictObject({
      title: label(200, 'title'),
      hub: label(100, 'hub').optional(),
      ticketUrl: httpsUrl('ticketUrl').optional(),
    }),
  ),
  'incidents.list': op<Incident[]>()(
    'List incidents, newest first.',
    z.strictObject({}).optional().default({}),
  ),
};

export const incidentEvents = {
  'incidents.declared': event<Incident>(),
};
