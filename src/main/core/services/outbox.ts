// Use cases for the outbox as people see it: list with reasons, retry, discard, edit a dead job, status.
import type Database from 'better-sqlite3';
import type { OpParsed } from '../../../shared/contract';
import { jobPayloads, type OutboxJob, type OutboxJobView, type OutboxStatus } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { outboxRepo } from '../db/repos/outbox';
import type { EventBus } from '../events';
import type { IsConfigured } from '../outbox/executors';
import type { NetworkStatus } from '../outbox/ports';
import { outboxStatus, withReasons } from '../outbox/status';
import type { Clock } from '../ports';

export interface OutboxServiceDeps {
  db: Database.Database;
  clock: Clock;
  bus: EventBus;
  network: NetworkStatus;
  isConfigured: IsConfigured;
  /** Wakes the dispatcher (a no-op until the shell starts it). */
  kick: () => void;
}

export function outboxService({ db, clock, bus, network, isConfigured, kick }: OutboxServiceDeps) {
  const repo = outboxDispatchRepo(db);
  const jobs = outboxRepo(db);

  const existing = (jobId: string): OutboxJob => {
    const job = jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No outbox job with id ${jobId}.`);
    return job;
  };
  const changed = (job: OutboxJob) => {
    bus.emit('outbox.changed', job);
    kick();
    return job;
  };

  return {
    status(): OutboxStatus {
      return outboxStatus(db, network.isOnline(), isConfigured, clock.now());
    },
    list(input: OpParsed<'outbox.list'>): OutboxJobView[] {
      const all = repo.list({});
      const shown = repo.list({ incidentId: input.incidentId, states: input.states });
      return withReasons(shown, all, this.status());
    },
    /** Retry: a waiting or failed job is sent now; one whose arrival is unknown is checked at the vendor now. */
    retry({ jobId }: OpParsed<'outbox.retry'>): OutboxJob {
      const before = existing(jobId);
      const unsettled = before.state === 'uncertain' || before.state === 'needs_you';
      const job = unsettled ? repo.checkNow(jobId, clock.now()) : repo.retry(jobId, clock.now());
      if (!job) {
        const why =
          before.state === 'sending' || unsettled
            ? 'it is being sent or checked right now; try again in a moment'
            : `it is ${before.state}`;
        throw new AppError('conflict', `This job cannot be retried: ${why}.`, { state: before.state });
      }
      return changed(job);
    },
    discard({ jobId }: OpParsed<'outbox.discard'>): OutboxJob {
      const before = existing(jobId);
      const job = repo.discard(jobId, clock.now());
      if (!job) {
        const why =
          before.state === 'sending' || before.state === 'uncertain'
            ? 'it is being sent or checked right now; try again in a moment'
            : `it is ${before.state}`;
        throw new AppError('conflict', `This job cannot be discarded: ${why}.`, { state: before.state });
      }
      return changed(job);
    },
    /** Settles a job whose arrival is unknown, as the user says: it arrived, send it again, or give up on it. */
    resolve({ jobId, choice }: OpParsed<'outbox.resolve'>): OutboxJob {
      const before = existing(jobId);
      const now = clock.now();
      // Only unsettled jobs: outbox.discard is the way to drop a job that is merely waiting.
      const unsettled = before.state === 'uncertain' || before.state === 'needs_you';
      const job = !unsettled
        ? undefined
        : choice === 'mark_sent'
          ? repo.markSent(jobId, now)
          : choice === 'send_again'
            ? repo.sendAgain(jobId, now)
            : repo.discard(jobId, now);
      if (!job) {
        throw new AppError(
          'conflict',
          unsettled
            ? 'Conn is checking this job at the vendor right now; try again in a moment.'
            : `Only a job whose arrival is unknown can be settled this way; this one is ` +
                `${before.state.replace('_', ' ')}.`,
          { state: before.state },
        );
      }
      return changed(job);
    },
    edit({ jobId, payload }: OpParsed<'outbox.edit'>): OutboxJob {
      const before = existing(jobId);
      if (before.state !== 'dead')
        throw new AppError('conflict', `Only failed jobs can be edited; this one is ${before.state}.`);
      const parsed = jobPayloads[before.kind].safeParse(payload);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(payload)',
          message: i.message,
        }));
        throw new AppError(
          'invalid_input',
          `Invalid ${before.kind} payload: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
          { fields },
        );
      }
      const job = repo.edit(jobId, parsed.data, clock.now());
      if (!job) throw new AppError('conflict', 'The job changed while editing; look again.');
      return changed(job);
    },
  };
}
export type OutboxService = ReturnType<typeof outboxService>;
