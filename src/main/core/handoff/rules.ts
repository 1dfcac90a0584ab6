// Handoff rules: who may receive command, the working-hours warning, and the outbox jobs a handoff writes.
import type { JobKind, JobPayload } from '../../../shared/outbox';
import type { WorkingHours } from '../../../shared/reminders';
import { localClock, minuteInWindow, parseHhMm } from '../reminders/localTime';

export type HandoffRefusal = 'to_nobody' | 'to_self' | 'not_confirmed' | 'no_pagerduty_user';

export interface HandoffCheck {
  from: string | null;
  to: string | null;
  confirmed: boolean;
  pagerdutyConnected: boolean;
  toHasPagerdutyUser: boolean;
}

export type HandoffVerdict = { ok: true } | { ok: false; reason: HandoffRefusal; message: string };

export function validateHandoff(c: HandoffCheck): HandoffVerdict {
  if (!c.to) return { ok: false, reason: 'to_nobody', message: 'Pick who takes command before handing off.' };
  if (c.from !== null && c.to === c.from) {
    return { ok: false, reason: 'to_self', message: 'You already have command: pick someone else to hand it to.' };
  }
  if (c.pagerdutyConnected && !c.toHasPagerdutyUser) {
    return {
      ok: false,
      reason: 'no_pagerduty_user',
      message:
        'The new commander has no PagerDuty user linked, so the PagerDuty incident cannot be reassigned to them. ' +
        'Link one in the roster first.',
    };
  }
  if (!c.confirmed) {
    return {
      ok: false,
      reason: 'not_confirmed',
      message: 'Confirm that they agreed to take command (the process requires it).',
    };
  }
  return { ok: true };
}

export const DEFAULT_WORKING_HOURS: Omit<WorkingHours, 'timeZone'> = {
  start: '09:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
};

/** True when `now` is outside the person's working hours in their timezone (for the handoff warning). */
export function isOutsideWorkingHours(
  timeZone: string,
  hours: Omit<WorkingHours, 'timeZone'> = DEFAULT_WORKING_HOURS,
  now: number,
): boolean {
  const local = localClock(now, timeZone);
  if (!hours.days.includes(local.weekday)) return true;
  return !minuteInWindow(local.minutes, parseHhMm(hours.start), parseHhMm(hours.end));
}

/** One outbox job of a handoff, with the label the dialog and the status list show for it. */
export type PlannedJob = { [K in JobKind]: { kind: K; payload: JobPayload<K>; label: string } }[JobKind];

export interface HandoffJobsInput {
  brief: string;
  to: { name: string; pagerdutyUserId: string | null; freshdeskAgentId: number | null };
  /** Which integrations this incident is linked to; jobs for unlinked ones are not written. */
  linked: { pagerduty: boolean; slack: boolean; freshdesk: boolean };
  liaisonMoves: boolean;
}

const LIAISON_NOTE = 'Community communication (the ticket) is now handled by ';

/** The label of a handoff's job, planned or stored: the plan below is the only thing that writes these jobs. */
export function handoffPartLabel(job: { kind: JobKind; payload: unknown }): string {
  switch (job.kind) {
    case 'pagerduty.reassign':
      return 'Reassign the PagerDuty incident';
    case 'pagerduty.addNote': {
      const content = (job.payload as { content?: unknown }).content;
      return typeof content === 'string' && content.startsWith(LIAISON_NOTE)
        ? 'Note on PagerDuty that the liaison duty moved'
        : 'Add the brief as a PagerDuty note';
    }
    case 'slack.postMessage':
      return 'Post the brief in the Slack channel';
    case 'freshdesk.updateTicket':
      return 'Assign the ticket to the new liaison';
    default:
      return job.kind;
  }
}

/** The outbox jobs one handoff writes, in the order they should be sent, each with its label. */
export function handoffJobs(i: HandoffJobsInput): PlannedJob[] {
  const jobs: Array<Omit<PlannedJob, 'label'>> = [];
  if (i.linked.pagerduty && i.to.pagerdutyUserId) {
    jobs.push({ kind: 'pagerduty.reassign', payload: { assigneeUserId: i.to.pagerdutyUserId } });
    jobs.push({ kind: 'pagerduty.addNote', payload: { content: i.brief } });
  }
  if (i.linked.slack) jobs.push({ kind: 'slack.postMessage', payload: { text: i.brief } });
  if (i.liaisonMoves && i.linked.freshdesk && i.to.freshdeskAgentId !== null) {
    jobs.push({ kind: 'freshdesk.updateTicket', payload: { responderId: i.to.freshdeskAgentId } });
    if (i.linked.pagerduty)
      jobs.push({ kind: 'pagerduty.addNote', payload: { content: `${LIAISON_NOTE}${i.to.name}.` } });
  }
  return jobs.map((j) => ({ ...j, label: handoffPartLabel(j) }) as PlannedJob);
}
