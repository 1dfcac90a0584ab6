// Reminder operations and events: the status-update clock, snoozes and quiet hours.
import { z } from 'zod';
import {
  MAX_CADENCE_MINUTES,
  MIN_CADENCE_MINUTES,
  type QuietHours,
  type ReminderItem,
  type ReminderNotification,
  type RemindersOverview,
} from '../reminders';
import { id } from '../text';
import { event, op } from './define';

const hhmm = (name: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: `${name} must be HH:MM (24-hour)` });
const timeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, { message: 'timeZone must be an IANA name such as Europe/Paris' });

export const reminderOps = {
  'reminders.list': op<RemindersOverview>()(
    'Every open incident with its update state and countdown, plus resolved incidents whose report is not closed.',
    z.strictObject({}).optional().default({}),
  ),
  'reminders.snooze': op<ReminderItem>()(
    'Hold back update reminders for one incident for 15, 30 or 60 minutes.',
    z.strictObject({ incidentId: id, minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]) }),
  ),
  'reminders.setQuietHours': op<QuietHours>()(
    'Set the daily window (in your timezone) during which no reminder notifications are shown.',
    z.strictObject({ enabled: z.boolean(), start: hhmm('start'), end: hhmm('end'), timeZone }),
  ),
  'updates.setCadence': op<ReminderItem>()(
    'Change how often (in minutes, 15 to 1440) an incident owes the community a status update.',
    z.strictObject({ incidentId: id, minutes: z.number().int().min(MIN_CADENCE_MINUTES).max(MAX_CADENCE_MINUTES) }),
  ),
};

export const reminderEvents = {
  /** A reminder notification to show (banner, OS or browser notification). */
  'reminders.fired': event<ReminderNotification>(),
  /** Something moved a due time or a snooze: reload `reminders.list`. */
  'reminders.changed': event<{ incidentId: string | null }>(),
};
