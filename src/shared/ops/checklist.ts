// Operations on an incident's checklist: step transitions and running a step's action.
import { z } from 'zod';
import type { ChecklistChanged, ChecklistStep } from '../checklist';
import type { OutboxJob } from '../outbox';
import { id, label } from '../text';
import { event, op } from './define';

const stepRef = {
  incidentId: id,
  stepId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'not a valid step id' }),
  /** The version you last saw; a different current version answers `conflict` with the step. */
  expectedVersion: z.number().int().nonnegative().optional(),
};
const optionalReason = z.strictObject({ ...stepRef, reason: label(1000, 'reason').optional() });
const requiredReason = (what: string) =>
  z.strictObject({ ...stepRef, reason: label(1000, 'reason').describe(`Why the step is ${what}`) });

export interface RunActionResult {
  step: ChecklistStep;
  jobs: OutboxJob[];
  /** Actions Conn does itself, in the window (the report draft), rather than through a vendor. */
  open: 'report' | null;
}

export const checklistOps = {
  'checklist.list': op<ChecklistStep[]>()(
    'The steps of an incident in order, with their state.',
    z.strictObject({ incidentId: id }),
  ),
  'checklist.start': op<ChecklistStep>()('Mark a step in progress.', optionalReason),
  'checklist.complete': op<ChecklistStep>()('Mark a step done (by me, now, by hand).', optionalReason),
  'checklist.skip': op<ChecklistStep>()('Skip a step; a reason is required.', requiredReason('skipped')),
  'checklist.block': op<ChecklistStep>()('Mark a step blocked; a reason is required.', requiredReason('blocked')),
  'checklist.reopen': op<ChecklistStep>()('Put a done, skipped or blocked step back to todo.', optionalReason),
  'checklist.runAction': op<RunActionResult>()(
    "Run a step's action: queues its vendor requests in the outbox (or opens the report). Once its requests were " +
      'sent, a rerun answers conflict (reason already_sent) unless `again: true`; while one may have arrived ' +
      '(uncertain, needs you) it answers conflict (reason unsettled) even with again: settle it in the outbox first.',
    z.strictObject({
      ...stepRef,
      again: z.boolean().optional().describe('Send the action once more although it was already sent'),
    }),
  ),
};

export const checklistEvents = {
  'checklist.changed': event<ChecklistChanged>(),
};
