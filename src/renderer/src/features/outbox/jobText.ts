// How a job reads for people: the text it carries, and what sending it does at the vendor.
import { jobEffects, type OutboxJob } from '../../../../shared/outbox';
import { vendorLabels } from '../../../../shared/labels';

export function jobSummary(job: Pick<OutboxJob, 'payload'>): string {
  const p = job.payload as Record<string, unknown> | null;
  const text = p && (p.text ?? p.content ?? p.body ?? p.title ?? p.message ?? p.name);
  return typeof text === 'string' ? text : '';
}

/** "This will e-mail another public reply to the requester on the Freshdesk ticket." */
export const againEffect = (jobs: ReadonlyArray<Pick<OutboxJob, 'kind'>>): string =>
  `This will ${[...new Set(jobs.map((j) => jobEffects[j.kind]))].join(', and ')}.`;

export const vendorOfJob = (job: Pick<OutboxJob, 'vendor'>) => vendorLabels[job.vendor];
