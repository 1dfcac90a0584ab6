// Status-update operations: draft from a template, send to the ticket, Slack and PagerDuty at once.
import { z } from 'zod';
import type { TimelineEntry } from '../domain';
import type { OutboxJob } from '../outbox';
import { updateTemplates, type UpdateDraft } from '../reminders';
import { id, storableText } from '../text';
import { event, op } from './define';

export interface SentUpdate {
  id: string;
  incidentId: string;
  sentAt: string;
  jobs: OutboxJob[];
  entry: TimelineEntry;
}

export const updateOps = {
  'updates.draft': op<UpdateDraft>()(
    'Fill a status-update template from the session. Reports unknown placeholders and missing values.',
    z.strictObject({ incidentId: id, template: z.enum(updateTemplates) }),
  ),
  'updates.send': op<SentUpdate>()(
    'Record a public status update: reply on the ticket, mirror to Slack, PagerDuty status update, restart the clock.',
    z.strictObject({
      incidentId: id,
      text: storableText(20_000, 'text').refine((s) => s.trim().length > 0, { message: 'text is required' }),
      /** The same text as the latest update, already sent: send it once more only when true. */
      again: z.boolean().optional(),
    }),
  ),
};

export const updateEvents = {
  'updates.posted': event<SentUpdate>(),
};
