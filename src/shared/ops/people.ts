// Operations on the local roster of people, and which of them is "me" (the author of my actions).
import { z } from 'zod';
import { isTimeZone, type Person } from '../people';
import { id, label } from '../text';
import { event, op } from './define';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'use HH:MM (24-hour)' });
const vendorId = (name: string) => label(100, name).optional();

export interface PeopleChanged {
  people: Person[];
  meId: string | null;
}

export const peopleOps = {
  'people.list': op<Person[]>()(
    'The roster, by name. Removed people only with includeRemoved.',
    z.strictObject({ includeRemoved: z.boolean().optional() }).optional().default({}),
  ),
  'people.save': op<Person>()(
    'Add a person (no id) or replace one (with id). Omitted optional fields are cleared.',
    z.strictObject({
      id: id.optional(),
      name: label(100, 'name'),
      email: z.email({ message: 'email is not a valid address' }).max(200).optional(),
      timezone: z.string().refine(isTimeZone, { message: 'timezone must be an IANA name such as Europe/Berlin' }),
      pagerdutyUserId: vendorId('pagerdutyUserId'),
      slackUserId: vendorId('slackUserId'),
      freshdeskAgentId: vendorId('freshdeskAgentId'),
      workingHours: z.strictObject({ start: hhmm, end: hhmm }).optional(),
    }),
  ),
  'people.remove': op<Person>()(
    'Remove a person from the roster. Past incidents keep their name.',
    z.strictObject({ personId: id }),
  ),
  'people.setMe': op<{ me: Person | null }>()(
    'Mark the person who uses this copy of Conn (null to unset). Their name goes on what they do.',
    z.strictObject({ personId: id.nullable() }),
  ),
  'people.me': op<{ me: Person | null }>()(
    'The person marked as me, if any.',
    z.strictObject({}).optional().default({}),
  ),
};

export const peopleEvents = {
  'people.changed': event<PeopleChanged>(),
};
