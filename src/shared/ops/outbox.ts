// Outbox operations and events: list, retry, discard, edit jobs; the global status.
import { z } from 'zod';
import { jobStates, resolveChoices, type OutboxJob, type OutboxJobView, type OutboxStatus } from '../outbox';
import { id } from '../text';
import { event, op } from './define';

export const outboxOps = {
  'outbox.list': op<OutboxJobView[]>()(
    'List outbox jobs (oldest first) with their state and, when waiting or failed, the reason.',
    z
      .strictObject({ incidentId: id.optional(), states: z.array(z.enum(jobStates)).max(jobStates.length).optional() })
      .optional()
      .default({}),
  ),
  'outbox.retry': op<OutboxJob>()(
    'Send a dead or waiting job again now (its attempt count starts over); a job whose arrival is unknown is checked ' +
      'at the vendor now.',
    z.strictObject({ jobId: id }),
  ),
  'outbox.discard': op<OutboxJob>()(
    'Give up on a job that has not been sent (or whose arrival is unknown): it will never be sent (again).',
    z.strictObject({ jobId: id }),
  ),
  'outbox.resolve': op<OutboxJob>()(
    'Settle a job whose arrival is unknown (uncertain or needs you): mark_sent (it arrived), send_again (exactly one ' +
      'more request), or discard.',
    z.strictObject({ jobId: id, choice: z.enum(resolveChoices) }),
  ),
  'outbox.edit': op<OutboxJob>()(
    "Replace a dead job's payload (checked against its kind's schema) and queue it again.",
    z.strictObject({ jobId: id, payload: z.record(z.string(), z.unknown()) }),
  ),
  'outbox.status': op<OutboxStatus>()(
    'Counts of jobs per state, each vendor connection, and whether the network is up.',
    z.strictObject({}).optional().default({}),
  ),
};

export const outboxEvents = {
  'outbox.changed': event<OutboxJob>(),
  'outbox.statusChanged': event<OutboxStatus>(),
};
